namespace FhirGateway.Storage.CrashWriter;

/// <summary>What the crash writer writes, so the tests can check every committed batch is complete.</summary>
internal static class CrashConventions
{
    /// <summary>The environment variable with the database path or connection string.</summary>
    public const string TargetVariable = "FHIRGATEWAY_CRASH_TARGET";

    /// <summary>Resources created per transaction.</summary>
    public const int BatchSize = 3;

    /// <summary>The identifier system of batch members; the value is <c>{batch}-{member}</c>.</summary>
    public const string BatchSystem = "urn:fhirgateway:crash:batch";

    /// <summary>The outbox topic of every write.</summary>
    public const string Topic = "crash-test";

    /// <summary>A token row whose code is the version the row belongs to.</summary>
    public const string VersionParameter = "_crash-version";

    /// <summary>A token row naming the batch.</summary>
    public const string BatchParameter = "_crash-batch";

    /// <summary>A string row with the family name.</summary>
    public const string FamilyParameter = "family";

    /// <summary>The line printed before each transaction.</summary>
    public const string Begin = "begin";

    /// <summary>The line printed after each commit.</summary>
    public const string Committed = "committed";

    public static string IdentityKey(long batch, int member) => $"Patient|identifier|{BatchSystem}|{batch}-{member}";
}
