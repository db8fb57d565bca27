namespace FhirGateway.Api.LoadBaseline;

/// <summary>The bytes and content type the baseline answers with, set once by the load script before it measures.</summary>
internal sealed class LoadBaselineBody
{
    private volatile Snapshot? current;

    public Snapshot? Current => current;

    public void Set(byte[] bytes, string contentType) => current = new Snapshot(bytes, contentType);

    internal sealed record Snapshot(byte[] Bytes, string ContentType);
}
