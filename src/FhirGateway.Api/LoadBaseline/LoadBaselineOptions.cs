namespace FhirGateway.Api.LoadBaseline;

/// <summary>
/// <c>LoadBaseline</c> settings: the in-memory endpoint the load script measures the host against (benchmarks/load,
/// docs/benchmarks.md). Off unless <c>LoadBaseline:Enabled</c> is <c>true</c>; nothing is mapped otherwise.
/// </summary>
internal sealed class LoadBaselineOptions
{
    public const string Section = "LoadBaseline";

    public bool Enabled { get; set; }
}
