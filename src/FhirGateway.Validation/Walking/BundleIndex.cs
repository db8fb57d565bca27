using FhirGateway.Fhir.Model;

namespace FhirGateway.Validation.Walking;

/// <summary>
/// The entries of a Bundle by fullUrl and by type and id, for resolving references between entries
/// (https://hl7.org/fhir/R4/bundle.html#references).
/// </summary>
internal sealed class BundleIndex
{
    private readonly Dictionary<string, ElementNode> _byFullUrl = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<ElementNode>> _byTypeAndId = new(StringComparer.Ordinal);

    public BundleIndex(ElementNode bundle)
    {
        Bundle = bundle;
        Type = bundle.Child("type")?.Value;
        foreach (var entry in bundle.Children)
        {
            if (entry.Name != "entry" || entry.Child("resource") is not { } resource)
            {
                continue;
            }

            if (entry.Child("fullUrl")?.Value is { } fullUrl)
            {
                _byFullUrl.TryAdd(fullUrl, resource);
            }

            if (resource.Child("id")?.Value is { } id)
            {
                var key = resource.Type.Name + "/" + id;
                if (!_byTypeAndId.TryGetValue(key, out var list))
                {
                    list = [];
                    _byTypeAndId[key] = list;
                }

                list.Add(resource);
            }
        }
    }

    /// <summary>The Bundle.</summary>
    public ElementNode Bundle { get; }

    /// <summary>Bundle.type.</summary>
    public string? Type { get; }

    /// <summary>
    /// Resolves a reference made from <paramref name="entry"/>: an absolute URL or URN by fullUrl; a relative
    /// <c>Type/id</c> against the base of the entry's RESTful fullUrl, then by type and id when exactly one entry
    /// matches (an ambiguous reference resolves to nothing).
    /// </summary>
    public ElementNode? Resolve(string reference, ElementNode? entry)
    {
        var hashAt = reference.IndexOf('#', StringComparison.Ordinal);
        if (hashAt > 0)
        {
            reference = reference[..hashAt];
        }

        if (_byFullUrl.TryGetValue(reference, out var byUrl))
        {
            return byUrl;
        }

        if (IsAbsolute(reference))
        {
            return null;
        }

        var (type, id) = References.TypeAndId(reference);
        if (type is null)
        {
            return null;
        }

        if (entry?.Child("fullUrl")?.Value is { } fullUrl && References.RestfulBase(fullUrl) is { } baseUrl &&
            _byFullUrl.TryGetValue(baseUrl + type + "/" + id, out var sameServer))
        {
            return sameServer;
        }

        return _byTypeAndId.TryGetValue(type + "/" + id, out var list) && list.Count == 1 ? list[0] : null;
    }

    public static bool IsAbsolute(string reference) =>
        reference.Contains("://", StringComparison.Ordinal) || reference.StartsWith("urn:", StringComparison.Ordinal);
}
