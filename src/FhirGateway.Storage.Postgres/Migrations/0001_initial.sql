-- Schema version 1 of the PostgreSQL store. Applied once by the gateway at start-up, in one transaction under an
-- advisory lock; never edit after release (the checksum is recorded), add a new numbered script instead.

-- One row per logical resource: its current version. Writers lock this row (FOR UPDATE) before writing a version;
-- the unique key decides between concurrent update-as-create writers of one id.
CREATE TABLE resources (
    resource_key bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    resource_type text NOT NULL,
    resource_id text NOT NULL,
    version bigint NOT NULL,
    deleted boolean NOT NULL,
    last_updated timestamptz NOT NULL,
    CONSTRAINT resources_type_id UNIQUE (resource_type, resource_id)
);

-- Every version, as canonical JSON bytes exactly as served (NULL for a deletion; large values are TOAST-compressed).
-- seq is the global write order: history pages by it.
CREATE TABLE resource_versions (
    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    resource_key bigint NOT NULL REFERENCES resources (resource_key),
    resource_type text NOT NULL,
    resource_id text NOT NULL,
    version bigint NOT NULL,
    change integer NOT NULL,
    last_updated timestamptz NOT NULL,
    json bytea,
    CONSTRAINT resource_versions_key_version UNIQUE (resource_key, version)
);
CREATE INDEX resource_versions_type_seq ON resource_versions (resource_type, seq);
CREATE INDEX resource_versions_last_updated ON resource_versions (last_updated);

-- Identity keys of current resources: the primary key makes conditional create race-free across instances.
CREATE TABLE identity_keys (
    identity_key text COLLATE "C" PRIMARY KEY,
    resource_key bigint NOT NULL REFERENCES resources (resource_key)
);
CREATE INDEX identity_keys_resource ON identity_keys (resource_key);

-- Search-index rows of current versions. kind: 1 string, 2 token, 3 date, 4 reference, 5 number, 6 quantity,
-- 7 uri. Each kind has a partial index. text_norm uses the "C" collation so prefix searches can use the index.
CREATE TABLE search_index (
    resource_key bigint NOT NULL REFERENCES resources (resource_key),
    resource_type text NOT NULL,
    param text NOT NULL,
    kind integer NOT NULL,
    system text,
    code text,
    text_norm text COLLATE "C",
    text_exact text,
    date_low timestamptz,
    date_high timestamptz,
    ref_type text,
    ref_id text,
    ref_url text,
    num_value numeric,
    uri text
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
-- the lease's end. Workers lease with FOR UPDATE SKIP LOCKED. Completed items are deleted.
CREATE TABLE outbox (
    item_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    topic text NOT NULL,
    resource_type text NOT NULL,
    resource_id text NOT NULL,
    version bigint NOT NULL,
    created_at timestamptz NOT NULL,
    available_at timestamptz NOT NULL,
    attempts integer NOT NULL,
    lease_owner text,
    lease_token uuid
);
CREATE INDEX outbox_available ON outbox (available_at, item_id);
