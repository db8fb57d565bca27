-- Schema version 1 of the SQLite store. Applied once by the gateway at start-up; never edit after release (the
-- checksum is recorded), add a new numbered script instead. Timestamps are UTC ticks (100 ns since 0001-01-01).

-- One row per logical resource: its current version. The unique key decides between concurrent
-- update-as-create writers of one id.
CREATE TABLE resources (
    resource_key INTEGER PRIMARY KEY,
    resource_type TEXT NOT NULL,
    resource_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    deleted INTEGER NOT NULL,
    last_updated INTEGER NOT NULL,
    UNIQUE (resource_type, resource_id)
);

-- Every version, as canonical JSON (NULL for a deletion). seq is the global write order: history pages by it.
CREATE TABLE resource_versions (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    resource_key INTEGER NOT NULL REFERENCES resources (resource_key),
    resource_type TEXT NOT NULL,
    resource_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    change INTEGER NOT NULL,
    last_updated INTEGER NOT NULL,
    json BLOB,
    UNIQUE (resource_key, version)
);
CREATE INDEX resource_versions_type_seq ON resource_versions (resource_type, seq);
CREATE INDEX resource_versions_last_updated ON resource_versions (last_updated);

-- Identity keys of current resources: the primary key makes conditional create race-free.
CREATE TABLE identity_keys (
    identity_key TEXT PRIMARY KEY,
    resource_key INTEGER NOT NULL REFERENCES resources (resource_key)
) WITHOUT ROWID;
CREATE INDEX identity_keys_resource ON identity_keys (resource_key);

-- Search-index rows of current versions. kind: 1 string, 2 token, 3 date, 4 reference, 5 number, 6 quantity,
-- 7 uri. Each kind has a partial index; SQLite uses one only when the query names the kind as a literal.
CREATE TABLE search_index (
    resource_key INTEGER NOT NULL REFERENCES resources (resource_key),
    resource_type TEXT NOT NULL,
    param TEXT NOT NULL,
    kind INTEGER NOT NULL,
    system TEXT,
    code TEXT,
    text_norm TEXT,
    text_exact TEXT,
    date_low INTEGER,
    date_high INTEGER,
    ref_type TEXT,
    ref_id TEXT,
    ref_url TEXT,
    num_value REAL,
    uri TEXT
);
CREATE INDEX search_index_resource ON search_index (resource_key);
CREATE INDEX search_index_string ON search_index (resource_type, param, text_norm) WHERE kind = 1;
CREATE INDEX search_index_token ON search_index (resource_type, param, code, system) WHERE kind = 2;
CREATE INDEX search_index_date ON search_index (resource_type, param, date_low, date_high) WHERE kind = 3;
CREATE INDEX search_index_reference ON search_index (resource_type, param, ref_id, ref_type) WHERE kind = 4;
CREATE INDEX search_index_reference_target ON search_index (ref_type, ref_id) WHERE kind = 4;
CREATE INDEX search_index_reference_url ON search_index (resource_type, param, ref_url) WHERE kind = 4;
CREATE INDEX search_index_number ON search_index (resource_type, param, num_value) WHERE kind = 5;
CREATE INDEX search_index_quantity ON search_index (resource_type, param, code, num_value) WHERE kind = 6;
CREATE INDEX search_index_uri ON search_index (resource_type, param, uri) WHERE kind = 7;

-- The transactional outbox. An item is available when available_at has passed; a lease moves available_at to
-- the lease's end. Completed items are deleted.
CREATE TABLE outbox (
    item_id INTEGER PRIMARY KEY AUTOINCREMENT,
    topic TEXT NOT NULL,
    resource_type TEXT NOT NULL,
    resource_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    available_at INTEGER NOT NULL,
    attempts INTEGER NOT NULL,
    lease_owner TEXT,
    lease_token TEXT
);
CREATE INDEX outbox_available ON outbox (available_at, item_id);
