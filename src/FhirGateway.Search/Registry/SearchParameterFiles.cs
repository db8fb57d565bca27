using System.IO.Compression;
using FhirGateway.Fhir.Definitions;
using FhirGateway.Fhir.Model;
using FhirGateway.Fhir.Serialization;

namespace FhirGateway.Search.Registry;

/// <summary>
/// Reads SearchParameter resources from files: a file or a folder (searched recursively) of FHIR JSON or XML, each a
/// SearchParameter or a Bundle holding some. Other resources are passed over, so a folder of profiles may hold them
/// side by side with StructureDefinitions and ValueSets.
/// </summary>
public static class SearchParameterFiles
{
    /// <summary>The SearchParameters found under <paramref name="path"/>, with what was wrong with the files.</summary>
    public static IReadOnlyList<SearchParameterSource> Read(string path, ICollection<SearchParameterIssue> issues)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(issues);
        var found = new List<SearchParameterSource>();
        if (Directory.Exists(path))
        {
            foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                if (IsFhirFile(file))
                {
                    ReadFile(file, found, issues);
                }
            }
        }
        else if (File.Exists(path))
        {
            ReadFile(path, found, issues);
        }
        else
        {
            issues.Add(new SearchParameterIssue(path, "No such file or folder."));
        }

        return found;
    }

    /// <summary>The SearchParameters in a resource: itself, or the entries of a Bundle.</summary>
    public static IEnumerable<ElementNode> In(ElementNode resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (resource.Type.Name == "SearchParameter")
        {
            yield return resource;
        }
        else if (resource.Type.Name == "Bundle")
        {
            foreach (var entry in resource.ChildrenNamed("entry"))
            {
                if (entry.Child("resource") is { Type.Name: "SearchParameter" } parameter)
                {
                    yield return parameter;
                }
            }
        }
    }

    private static bool IsFhirFile(string file) =>
        file.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) ||
        file.EndsWith(".json.gz", StringComparison.OrdinalIgnoreCase);

    private static void ReadFile(string file, List<SearchParameterSource> found, ICollection<SearchParameterIssue> issues)
    {
        ParseResult result;
        try
        {
            var bytes = File.ReadAllBytes(file);
            if (file.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
            {
                using var input = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
                using var output = new MemoryStream();
                input.CopyTo(output);
                bytes = output.ToArray();
            }

            result = file.EndsWith(".xml", StringComparison.OrdinalIgnoreCase)
                ? FhirXmlReader.Parse(bytes, FhirModel.R4)
                : FhirJsonReader.Parse(bytes, FhirModel.R4);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            issues.Add(new SearchParameterIssue(file, "Cannot be read: " + e.Message));
            return;
        }

        if (result.Resource is null || result.HasErrors)
        {
            var first = result.Issues.FirstOrDefault(i => i.IsError);
            issues.Add(new SearchParameterIssue(file, "Is not a valid FHIR R4 resource" + (first is null ? "." : ": " + first.Message)));
            return;
        }

        foreach (var parameter in In(result.Resource))
        {
            found.Add(new SearchParameterSource(parameter, Path.GetFileName(file)));
        }
    }
}

/// <summary>A SearchParameter resource and where it came from.</summary>
/// <param name="Resource">The SearchParameter.</param>
/// <param name="Source">A name for messages, such as the file name.</param>
public sealed record SearchParameterSource(ElementNode Resource, string Source);
