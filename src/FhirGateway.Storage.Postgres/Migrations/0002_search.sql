-- Schema version 2 of the PostgreSQL store: what search needs (docs/search.md). Never edit after release.

-- Number and quantity rows keep a range [num_value, num_high] (a single value has num_high = num_value); rows of a
-- composite parameter's components carry the occurrence they belong to in grp, so components match together.
ALTER TABLE search_index ADD COLUMN num_high numeric, ADD COLUMN grp integer;
UPDATE search_index SET num_high = num_value WHERE num_value IS NOT NULL;

DROP INDEX search_index_resource;
DROP INDEX search_index_string;
DROP INDEX search_index_token;
DROP INDEX search_index_date;
DROP INDEX search_index_reference;
DROP INDEX search_index_reference_url;
DROP INDEX search_index_number;
DROP INDEX search_index_quantity;
DROP INDEX search_index_uri;

-- Codes, systems, references and URIs compare and sort by code point, as on SQLite: the same order on both
-- databases, and prefix matches (uri:below) that can use the index.
ALTER TABLE search_index
    ALTER COLUMN system TYPE text COLLATE "C",
    ALTER COLUMN code TYPE text COLLATE "C",
    ALTER COLUMN text_exact TYPE text COLLATE "C",
    ALTER COLUMN ref_type TYPE text COLLATE "C",
    ALTER COLUMN ref_id TYPE text COLLATE "C",
    ALTER COLUMN ref_url TYPE text COLLATE "C",
    ALTER COLUMN uri TYPE text COLLATE "C";

-- Per resource and parameter: the checks a search makes on each candidate (EXISTS ... WHERE resource_key = ?), the
-- delete of a resource's rows and the _include lookups.
CREATE INDEX search_index_resource_param ON search_index (resource_key, param);

-- The per-kind indexes end with resource_key, so the subquery that finds candidates can read the index only.
CREATE INDEX search_index_string ON search_index (resource_type, param, text_norm, resource_key) WHERE kind = 1;
CREATE INDEX search_index_token ON search_index (resource_type, param, code, system, resource_key) WHERE kind = 2;
CREATE INDEX search_index_date ON search_index (resource_type, param, date_low, date_high, resource_key) WHERE kind = 3;
CREATE INDEX search_index_reference ON search_index (resource_type, param, ref_id, ref_type, resource_key) WHERE kind = 4;
CREATE INDEX search_index_reference_url ON search_index (resource_type, param, ref_url, resource_key) WHERE kind = 4;
CREATE INDEX search_index_number ON search_index (resource_type, param, num_value, resource_key) WHERE kind = 5;
CREATE INDEX search_index_quantity ON search_index (resource_type, param, code, num_value, resource_key) WHERE kind = 6;
CREATE INDEX search_index_uri ON search_index (resource_type, param, uri, resource_key) WHERE kind = 7;

-- Searches without criteria page through a type in key order; _lastUpdated filters and sorts on last_updated.
CREATE INDEX resources_type_key ON resources (resource_type, resource_key);
CREATE INDEX resources_type_updated ON resources (resource_type, last_updated);
