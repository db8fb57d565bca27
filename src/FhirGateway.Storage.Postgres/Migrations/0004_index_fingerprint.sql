-- Schema version 4 of the PostgreSQL store: each current resource records the fingerprint of the search parameters
-- its index rows were extracted with. Never edit after release.

-- NULL (every resource written before this version) means "extracted with unknown definitions": the reindexer
-- re-extracts such resources, and any whose fingerprint differs from the running gateway's (docs/search.md#reindexing).
-- Adding a nullable column without a default rewrites no rows. No index: the reindexer walks resources by primary
-- key in batches.
ALTER TABLE resources ADD COLUMN index_fingerprint text COLLATE "C";
