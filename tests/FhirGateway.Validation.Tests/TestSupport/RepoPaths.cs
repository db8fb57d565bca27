namespace FhirGateway.Validation.Tests.TestSupport;

/// <summary>Locates files of the repository from the test output folder.</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> LazyRoot = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FhirGateway.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("FhirGateway.sln not found above " + AppContext.BaseDirectory);
    });

    public static string Root => LazyRoot.Value;

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);
}
