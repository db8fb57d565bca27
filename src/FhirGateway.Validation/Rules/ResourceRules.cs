using FhirGateway.Fhir.Model;
using FhirGateway.Validation.Walking;

namespace FhirGateway.Validation.Rules;

/// <summary>
/// Rules on a resource as a whole: its id is a FHIR id (https://hl7.org/fhir/R4/datatypes.html#id: 1 to 64 of
/// A-Z, a-z, 0-9, '-' and '.'; R4's own definitions type Resource.id as string, so the reader cannot tell), and a
/// Bundle's entries agree with their fullUrls (https://hl7.org/fhir/R4/bundle.html#bundle-unique: a RESTful fullUrl
/// ends with the resource's type and id).
/// </summary>
internal static class ResourceRules
{
    private const int MaxIdLength = 64;

    public static void Check(ValidationRun run, ElementNode resource, ResourceFrame frame)
    {
        if (resource.Child("id")?.Value is { } id)
        {
            run.Path.Push("id", -1);
            CheckId(run, id);
            run.Path.Pop();
        }

        if (resource.Type.Name == "Bundle")
        {
            CheckFullUrls(run, resource);
            if (frame.Bundle is { } index && ReferenceEquals(index.Bundle, resource))
            {
                BundleContentRule.Check(run, resource, index);
            }
        }
    }

    private static void CheckId(ValidationRun run, string id)
    {
        if (id.Length > MaxIdLength)
        {
            run.Error(ValidationIssueCodes.InvalidId, "value", $"Invalid resource id: it is {id.Length} characters long; at most {MaxIdLength} are allowed.");
        }

        foreach (var c in id)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '.'))
            {
                run.Error(ValidationIssueCodes.InvalidId, "value", $"Invalid resource id {PrimitiveRule.Quote(id)}: only letters, digits, '-' and '.' are allowed.");
                return;
            }
        }

        if (id.Length == 0)
        {
            run.Error(ValidationIssueCodes.InvalidId, "value", "Invalid resource id: it is empty.");
        }
    }

    private static void CheckFullUrls(ValidationRun run, ElementNode bundle)
    {
        var index = 0;
        foreach (var entry in bundle.Children)
        {
            if (entry.Name != "entry")
            {
                continue;
            }

            var fullUrl = entry.Child("fullUrl")?.Value;
            var resource = entry.Child("resource");
            var id = resource?.Child("id")?.Value;
            if (fullUrl is not null && resource is not null && id is not null && fullUrl.Contains("://", StringComparison.Ordinal))
            {
                var (type, urlId) = References.TypeAndId(fullUrl);
                if (type != resource.Type.Name || urlId != id)
                {
                    run.Path.Push("entry", index);
                    run.Path.Push("fullUrl", -1);
                    run.Error(ValidationIssueCodes.FullUrlMismatch, "invalid",
                        $"The fullUrl '{fullUrl}' does not end with {resource.Type.Name}/{id}, the type and id of the entry's resource.");
                    run.Path.Pop();
                    run.Path.Pop();
                }
            }

            index++;
        }
    }
}
