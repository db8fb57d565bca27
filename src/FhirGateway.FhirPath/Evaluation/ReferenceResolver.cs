using FhirGateway.Fhir.Model;

namespace FhirGateway.FhirPath.Evaluation;

/// <summary>
/// resolve() (https://hl7.org/fhir/R4/fhirpath.html#functions): a local reference <c>#id</c> finds a contained
/// resource of the resource holding the reference (<c>#</c> alone the container itself,
/// https://hl7.org/fhir/R4/references.html#contained); other references are looked up among the entries of
/// the enclosing Bundle by fullUrl or by type and id (https://hl7.org/fhir/R4/bundle.html#references), and
/// then handed to <see cref="EvaluationContext.ResolveReference"/>.
/// </summary>
internal static class ReferenceResolver
{
    public static ElementNode? Resolve(EvalState state, object item)
    {
        string? reference = null;
        ElementNode? holder = item as ElementNode;
        switch (item)
        {
            case string s:
                reference = s;
                break;
            case ElementNode { Type.IsPrimitive: true, Value: { } v }:
                reference = v;
                break;
            case ElementNode node:
                reference = node.Child("reference")?.Value;
                break;
        }

        if (string.IsNullOrEmpty(reference))
        {
            return null;
        }

        if (reference[0] == '#')
        {
            return ResolveContained(state, holder, reference);
        }

        return ResolveInBundle(state, holder, reference) ?? state.Context.ResolveReference?.Invoke(reference);
    }

    private static ElementNode? ResolveContained(EvalState state, ElementNode? holder, string reference)
    {
        var container = holder is null ? null : Container(state, holder);
        container ??= state.Resource;
        if (container is null)
        {
            return null;
        }

        if (reference.Length == 1)
        {
            return container;
        }

        var id = reference.AsSpan(1);
        foreach (var contained in container.ChildrenNamed("contained"))
        {
            if (id.SequenceEqual(contained.Child("id")?.Value))
            {
                return contained;
            }
        }

        return null;
    }

    /// <summary>The resource whose contained list applies: the nearest resource up the tree, or its container when it is itself contained.</summary>
    private static ElementNode? Container(EvalState state, ElementNode node)
    {
        ElementNode? resource = null;
        for (var n = node; n is not null; n = state.ParentOf(n))
        {
            if (!n.IsResource)
            {
                continue;
            }

            if (resource is null)
            {
                resource = n;
                if (n.Definition?.Name != "contained")
                {
                    return n;
                }
            }
            else
            {
                return n;
            }
        }

        return resource;
    }

    /// <summary>
    /// An absolute reference (a URL or URN) matches an entry's fullUrl. A relative one (<c>Type/id</c>) matches the
    /// fullUrl on the base of the referring entry's RESTful fullUrl, and otherwise any entry with that type and id.
    /// </summary>
    private static ElementNode? ResolveInBundle(EvalState state, ElementNode? holder, string reference)
    {
        var (bundle, holderEntry) = holder is null ? (null, null) : EnclosingBundle(state, holder);
        bundle ??= state.RootResource is { Type.Name: "Bundle" } root ? root : null;
        if (bundle is null)
        {
            return null;
        }

        var absolute = reference.Contains("://", StringComparison.Ordinal) || reference.StartsWith("urn:", StringComparison.Ordinal);
        if (absolute)
        {
            return EntryByFullUrl(bundle, reference);
        }

        var (type, id) = TypeAndId(reference);
        if (type is null)
        {
            return null;
        }

        if (holderEntry?.Child("fullUrl")?.Value is { } fullUrl && RestfulBase(fullUrl) is { } baseUrl &&
            EntryByFullUrl(bundle, baseUrl + type + "/" + id) is { } sameServer)
        {
            return sameServer;
        }

        foreach (var entry in bundle.ChildrenNamed("entry"))
        {
            if (entry.Child("resource") is { } resource && resource.Type.Name == type &&
                string.Equals(resource.Child("id")?.Value, id, StringComparison.Ordinal))
            {
                return resource;
            }
        }

        return null;
    }

    private static ElementNode? EntryByFullUrl(ElementNode bundle, string url)
    {
        foreach (var entry in bundle.ChildrenNamed("entry"))
        {
            if (string.Equals(entry.Child("fullUrl")?.Value, url, StringComparison.Ordinal))
            {
                return entry.Child("resource");
            }
        }

        return null;
    }

    /// <summary>The service base of a RESTful URL (<c>http://x/fhir/Patient/1</c> gives <c>http://x/fhir/</c>).</summary>
    private static string? RestfulBase(string fullUrl)
    {
        var (type, _) = TypeAndId(fullUrl);
        if (type is null || !fullUrl.Contains("://", StringComparison.Ordinal))
        {
            return null;
        }

        var at = fullUrl.LastIndexOf("/" + type + "/", StringComparison.Ordinal);
        return at < 0 ? null : fullUrl[..(at + 1)];
    }

    /// <summary>The Bundle a node is in, and the entry it is in.</summary>
    private static (ElementNode? Bundle, ElementNode? Entry) EnclosingBundle(EvalState state, ElementNode node)
    {
        ElementNode? entry = null;
        for (var n = state.ParentOf(node); n is not null; n = state.ParentOf(n))
        {
            if (n.IsResource && n.Type.Name == "Bundle")
            {
                return (n, entry);
            }

            if (n.Name == "entry")
            {
                entry = n;
            }
        }

        return (null, null);
    }

    /// <summary>The resource type and id of a RESTful reference (relative or absolute, with or without _history).</summary>
    private static (string? Type, string? Id) TypeAndId(string reference)
    {
        var parts = reference.Split('/');
        var n = parts.Length;
        if (n >= 4 && parts[n - 2] == "_history")
        {
            n -= 2;
        }

        if (n < 2 || parts[n - 2].Length == 0 || !char.IsUpper(parts[n - 2][0]))
        {
            return (null, null);
        }

        return (parts[n - 2], parts[n - 1]);
    }
}
