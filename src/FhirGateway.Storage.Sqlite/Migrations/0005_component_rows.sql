-- Schema version 5 of the SQLite store: rows of a composite parameter's components (grp set) leave the per-kind
-- indexes of strings, dates, numbers, quantities and URIs. Never edit after release.

-- A composite search finds candidates by its first component (a token, or a reference for DocumentReference's
-- relationship: every composite of the R4 definitions) and joins the other components of the same resource and
-- occurrence through (resource_key, param) (SearchSql.AppendComposite); nothing looks their values up by these
-- indexes. Each Observation with a value carries four such quantity rows per unit (code-value-quantity and
-- combo-code-value-quantity), each a write at a random place in the quantity index. Plain searches on these kinds
-- name grp IS NULL, so the planner can use the partial indexes.
DROP INDEX search_index_string;
CREATE INDEX search_index_string ON search_index (resource_type, param, text_norm, resource_key) WHERE kind = 1 AND grp IS NULL;
DROP INDEX search_index_date;
CREATE INDEX search_index_date ON search_index (resource_type, param, date_low, date_high, resource_key) WHERE kind = 3 AND grp IS NULL;
DROP INDEX search_index_number;
CREATE INDEX search_index_number ON search_index (resource_type, param, num_value, resource_key) WHERE kind = 5 AND grp IS NULL;
DROP INDEX search_index_quantity;
CREATE INDEX search_index_quantity ON search_index (resource_type, param, code, num_value, resource_key) WHERE kind = 6 AND grp IS NULL;
DROP INDEX search_index_uri;
CREATE INDEX search_index_uri ON search_index (resource_type, param, uri, resource_key) WHERE kind = 7 AND grp IS NULL;
