using FhirGateway.Fhir.Model;

namespace FhirGateway.Api.Bundles;

/// <summary>
/// Replaces Reference.reference values anywhere in a resource, contained resources included
/// (https://hl7.org/fhir/R4/bundle.html#references: a transaction rewrites references to the fullUrls of its entries).
/// </summary>
internal static class ReferenceRewriter
{
    /// <summary>Calls <paramref name="resolve"/> for every reference value; a non-null answer replaces it.</summary>
    public static void Rewrite(ElementNode node, Func<string, string?> resolve)
    {
        if (node.Type.Name == "Reference" && node.Child("reference") is { Value: { } value } reference && resolve(value) is { } replacement)
        {
            reference.Value = replacement;
        }

        foreach (var child in node.Children)
        {
            if (!child.Type.IsPrimitive)
            {
                Rewrite(child, resolve);
            }
        }
    }

    /// <summary>Every Reference.reference value in a resource.</summary>
    public static IEnumerable<string> References(ElementNode node)
    {
        var found = new List<string>();
        Rewrite(node, value =>
        {
            found.Add(value);
            return null;
        });
        return found;
    }
}
