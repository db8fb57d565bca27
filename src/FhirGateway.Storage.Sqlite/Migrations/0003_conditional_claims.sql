-- Schema version 3 of the SQLite store: conditional create claims its criteria; identifiers are no longer unique.
-- Never edit after release.

-- Identity keys become a plain lookup of current resources' identifiers: FHIR lets any number of resources share an
-- identifier (https://hl7.org/fhir/R4/resource.html#identifiers). SQLite cannot drop a primary key, so the table is
-- rebuilt with the pair as its key.
CREATE TABLE identity_keys_v3 (
    identity_key TEXT NOT NULL,
    resource_key INTEGER NOT NULL REFERENCES resources (resource_key),
    PRIMARY KEY (identity_key, resource_key)
) WITHOUT ROWID;
INSERT INTO identity_keys_v3 (identity_key, resource_key) SELECT identity_key, resource_key FROM identity_keys;
DROP TABLE identity_keys;
ALTER TABLE identity_keys_v3 RENAME TO identity_keys;
CREATE INDEX identity_keys_resource ON identity_keys (resource_key);

-- The claims of conditional creates (https://hl7.org/fhir/R4/http.html#ccreate): one row per normalized criteria,
-- keyed by its SHA-256, naming the resource created for it. The primary key decides between concurrent creators; a
-- resource's claims are deleted with it. Existing resources hold no claim: a conditional create that finds one of
-- them matching its criteria returns it without claiming.
CREATE TABLE conditional_claims (
    claim_hash TEXT PRIMARY KEY,
    resource_type TEXT NOT NULL,
    criteria TEXT NOT NULL,
    resource_key INTEGER NOT NULL REFERENCES resources (resource_key),
    claimed_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX conditional_claims_resource ON conditional_claims (resource_key);
