-- Schema version 3 of the PostgreSQL store: conditional create claims its criteria; identifiers are no longer unique.
-- Never edit after release.

-- Identity keys become a plain lookup of current resources' identifiers: FHIR lets any number of resources share an
-- identifier (https://hl7.org/fhir/R4/resource.html#identifiers). The key is now the pair.
ALTER TABLE identity_keys DROP CONSTRAINT identity_keys_pkey;
ALTER TABLE identity_keys ADD CONSTRAINT identity_keys_pkey PRIMARY KEY (identity_key, resource_key);

-- The claims of conditional creates (https://hl7.org/fhir/R4/http.html#ccreate): one row per normalized criteria,
-- keyed by its SHA-256, naming the resource created for it. The primary key decides between concurrent creators (a
-- second inserter waits for the first transaction, then sees the conflict); a resource's claims are deleted with it.
-- Existing resources hold no claim: a conditional create that finds one of them matching returns it without claiming.
CREATE TABLE conditional_claims (
    claim_hash text COLLATE "C" PRIMARY KEY,
    resource_type text NOT NULL,
    criteria text NOT NULL,
    resource_key bigint NOT NULL REFERENCES resources (resource_key),
    claimed_at timestamptz NOT NULL
);
CREATE INDEX conditional_claims_resource ON conditional_claims (resource_key);
