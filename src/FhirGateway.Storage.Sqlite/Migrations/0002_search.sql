-- Schema version 2 of the SQLite store: what search needs (docs/search.md). Never edit after release.

-- Number and quantity rows keep a range [num_value, num_high] (a single value has num_high = num_value); rows of a
-- composite parameter's components carry the occurrence they belong to in grp, so components match together.
ALTER TABLE search_index ADD COLUMN num_high REAL;
ALTER TABLE search_index ADD COLUMN grp INTEGER;
UPDATE search_index SET num_high = num_value WHERE num_value IS NOT NULL;

-- Per resource and parameter: the checks a search makes on each candidate (EXISTS ... WHERE resource_key = ?), the
-- delete of a resource's rows and the _include lookups.
DROP INDEX search_index_resource;
CREATE INDEX search_index_resource_param ON search_index (resource_key, param);

-- The per-kind indexes end with resource_key, so the subquery that finds candidates reads the index only.
DROP INDEX search_index_string;
CREATE INDEX search_index_string ON search_index (resource_type, param, text_norm, resource_key) WHERE kind = 1;
DROP INDEX search_index_token;
CREATE INDEX search_index_token ON search_index (resource_type, param, code, system, resource_key) WHERE kind = 2;
DROP INDEX search_index_date;
CREATE INDEX search_index_date ON search_index (resource_type, param, date_low, date_high, resource_key) WHERE kind = 3;
DROP INDEX search_index_reference;
CREATE INDEX search_index_reference ON search_index (resource_type, param, ref_id, ref_type, resource_key) WHERE kind = 4;
DROP INDEX search_index_reference_url;
CREATE INDEX search_index_reference_url ON search_index (resource_type, param, ref_url, resource_key) WHERE kind = 4;
DROP INDEX search_index_number;
CREATE INDEX search_index_number ON search_index (resource_type, param, num_value, resource_key) WHERE kind = 5;
DROP INDEX search_index_quantity;
CREATE INDEX search_index_quantity ON search_index (resource_type, param, code, num_value, resource_key) WHERE kind = 6;
DROP INDEX search_index_uri;
CREATE INDEX search_index_uri ON search_index (resource_type, param, uri, resource_key) WHERE kind = 7;

-- Searches without criteria page through a type in key order; _lastUpdated filters and sorts on last_updated.
-- (An index on resource_type alone is ordered by resource_key, the rowid, within each type.)
CREATE INDEX resources_type ON resources (resource_type);
CREATE INDEX resources_type_updated ON resources (resource_type, last_updated);
