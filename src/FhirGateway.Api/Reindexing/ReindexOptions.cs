namespace FhirGateway.Api.Reindexing;

/// <summary>
/// The reindexer (configuration section <c>Reindex</c>, docs/search.md#reindexing): at start-up it re-extracts the
/// index rows of every current resource stored under other search parameter definitions than the running ones.
/// </summary>
internal sealed class ReindexOptions
{
    public const string Section = "Reindex";

    /// <summary>The largest batch accepted.</summary>
    public const int MaxBatchSize = 1000;

    /// <summary>Whether a background reindex runs at start-up. Default true; <c>POST [base]/$reindex</c> works either way.</summary>
    public bool RunAtStartup { get; set; } = true;

    /// <summary>
    /// How many resources one batch reads and re-extracts; each batch's rows are written in one short transaction.
    /// Default 100.
    /// </summary>
    public int BatchSize { get; set; } = 100;
}
