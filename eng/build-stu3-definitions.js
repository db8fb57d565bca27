// Builds profiles/stu3/profiles-{types,resources}.json.gz from the official STU3 (3.0.2) package
// (npm hl7.fhir.r3.examples 3.0.2, CC0), which carries the base StructureDefinitions with snapshots.
// Usage: node eng/build-stu3-definitions.js <path to hl7.fhir.r3.examples-3.0.2.tgz>
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const { execFileSync } = require('child_process');
const os = require('os');

const tgz = process.argv[2];
if (!tgz) { console.error('usage: node eng/build-stu3-definitions.js <tgz>'); process.exit(2); }
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stu3-'));
execFileSync('tar', ['xzf', tgz, '-C', dir]);
const pkg = path.join(dir, 'package');
const types = [], resources = [];
for (const name of fs.readdirSync(pkg).sort()) {
  if (!name.startsWith('StructureDefinition-') || !name.endsWith('.json')) continue;
  const sd = JSON.parse(fs.readFileSync(path.join(pkg, name), 'utf8'));
  // Base definitions only: the specialisations that define each type, not constraint profiles or extensions.
  if (sd.derivation === 'constraint' || sd.kind === 'logical') continue;
  if (sd.url !== 'http://hl7.org/fhir/StructureDefinition/' + sd.id) continue;
  const target = sd.kind === 'resource' ? resources : types;
  target.push({ fullUrl: sd.url, resource: sd });
}
const out = path.join(__dirname, '..', 'profiles', 'stu3');
fs.mkdirSync(out, { recursive: true });
for (const [file, entries] of [['profiles-types.json.gz', types], ['profiles-resources.json.gz', resources]]) {
  const bundle = { resourceType: 'Bundle', id: file.replace('.json.gz', ''), meta: { lastUpdated: '2017-04-19T07:44:43.294+10:00' }, type: 'collection', entry: entries };
  fs.writeFileSync(path.join(out, file), zlib.gzipSync(Buffer.from(JSON.stringify(bundle)), { level: 9, mtime: 0 }));
  console.log(file, entries.length);
}
fs.rmSync(dir, { recursive: true, force: true });
