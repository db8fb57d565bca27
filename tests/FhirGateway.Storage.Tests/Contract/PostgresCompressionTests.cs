using FhirGateway.Storage.Tests.Support;

namespace FhirGateway.Storage.Tests.Contract;

/// <summary>Versions large enough to be compressed are compressed with LZ4 (schema version 7), and read back whole.</summary>
public sealed class PostgresCompressionTests : PostgresSchemaTest
{
    [PostgresFact]
    public async Task A_large_version_is_stored_with_lz4_and_reads_back_unchanged()
    {
        // Debian's PostgreSQL (the server CI installs) is built with LZ4; a server without it keeps pglz.
        var lz4 = await Harness.ScalarAsync("SELECT COUNT(*) FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)") == 1;
        var family = string.Concat(Enumerable.Range(0, 400).Select(i => $"Family{i} "));
        var created = (await Harness.Store.CreateAsync(TestResources.PatientWrite(family.Trim()))).Version!;

        Assert.Equal(1, await Harness.ScalarAsync(
            $"SELECT COUNT(*) FROM resource_versions WHERE pg_column_compression(json) = '{(lz4 ? "lz4" : "pglz")}' AND resource_id = '{created.Id}'"));
        var read = (await Harness.Store.ReadAsync("Patient", created.Id)).Version!;
        Assert.Equal(created.Json.ToArray(), read.Json.ToArray());
        Assert.Equal(family.Trim(), TestResources.FamilyOf(read));
    }
}
