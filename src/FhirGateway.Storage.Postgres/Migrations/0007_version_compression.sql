-- Schema version 7 of the PostgreSQL store: versions' JSON compressed with LZ4. Never edit after release.

-- A version larger than about 2 kB (a Patient with names, addresses and contacts is 3.6 kB) is compressed in its row
-- (https://www.postgresql.org/docs/15/storage-toast.html), and every read decompresses it: with the default method
-- (pglz), pglz_decompress was 7 % of the server's CPU samples while the gateway served reads by id. LZ4 decompresses
-- several times faster. Values written before keep their method; both read back the same
-- (https://www.postgresql.org/docs/15/sql-altertable.html#SQL-ALTERTABLE-DESC-SET-COMPRESSION). A server built without
-- LZ4 refuses the method: the column then keeps the default. The change is to the catalog only, but takes an ACCESS
-- EXCLUSIVE lock on the table: with a lock timeout, an instance starting while long reads run fails its start-up
-- (and is started again) instead of queueing every read and write of versions behind its wait.
DO $$
DECLARE
  previous text := current_setting('lock_timeout');
BEGIN
  PERFORM set_config('lock_timeout', '10s', true);
  BEGIN
    ALTER TABLE resource_versions ALTER COLUMN json SET COMPRESSION lz4;
  EXCEPTION WHEN feature_not_supported THEN
    RAISE NOTICE 'LZ4 is not available on this server: versions stay compressed with the default method';
  END;
  PERFORM set_config('lock_timeout', previous, true);
END
$$;
