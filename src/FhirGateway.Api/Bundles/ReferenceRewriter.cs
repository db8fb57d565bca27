using System.Net;
using System.Text.RegularExpressions;
using FhirGateway.Fhir.Model;

namespace FhirGateway.Api.Bundles;

/// <summary>
/// Replaces the links a transaction's entries make to each other (https://hl7.org/fhir/R4/http.html#trules: "Servers
/// SHALL replace all matching links in the bundle, whether they are found in the resource ids, resource references,
/// elements of type uri, url, oid, uuid, and &lt;a href=""&gt; &amp; &lt;img src=""&gt; in the narrative"), anywhere in a
/// resource, contained resources included.
/// </summary>
internal static partial class ReferenceRewriter
{
    /// <summary>
    /// Calls <paramref name="resolve"/> for every Reference.reference value; a non-null answer replaces it. A Bundle
    /// resource (a document or collection posted as an entry) is left whole: references inside it resolve within it
    /// (https://hl7.org/fhir/R4/bundle.html#references), not against the Bundle that carries it.
    /// </summary>
    public static void Rewrite(ElementNode node, Func<string, string?> resolve)
    {
        if (IsBundle(node))
        {
            return;
        }

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

    /// <summary>
    /// Replaces values of elements of type uri, url, oid and uuid, and the <c>href</c> of narrative links and <c>src</c> of
    /// narrative images, that are exactly one of <paramref name="links"/>' keys. Unlike references, a value naming no
    /// entry is left as it is: such elements hold identifiers of every kind (code systems, namespaces), not only links.
    /// </summary>
    public static void RewriteLinks(ElementNode node, IReadOnlyDictionary<string, string> links)
    {
        if (IsBundle(node))
        {
            return;
        }

        foreach (var child in node.Children)
        {
            if (!child.Type.IsPrimitive)
            {
                RewriteLinks(child, links);
            }
            else if (child.Value is not { } value)
            {
                continue;
            }
            else if (child.Type.Name == "xhtml")
            {
                child.Value = RewriteNarrative(value, links);
            }
            else if (IsLinkType(child.Type.Name) && !IsExtensionUrl(node, child) && links.TryGetValue(value, out var target))
            {
                child.Value = target;
            }
        }
    }

    private static bool IsBundle(ElementNode node) => node.Type.Name == "Bundle";

    private static bool IsLinkType(string type) => type is "uri" or "url" or "oid" or "uuid";

    // Extension.url names the extension's definition; it is never a link to an entry, and rewriting it would change
    // which extension the element is.
    private static bool IsExtensionUrl(ElementNode parent, ElementNode child) => child.Name == "url" && parent.Type.Name == "Extension";

    private static string RewriteNarrative(string div, IReadOnlyDictionary<string, string> links) =>
        !div.Contains("href", StringComparison.Ordinal) && !div.Contains("src", StringComparison.Ordinal)
            ? div
            : NarrativeLink().Replace(div, match =>
            {
                var value = match.Groups["value"].Value;

                // Attribute values are XML-escaped in the narrative; fullUrls are compared unescaped. The replacement,
                // Type/id, needs no escaping.
                return links.TryGetValue(WebUtility.HtmlDecode(value), out var target)
                    ? match.Groups["head"].Value + target + match.Groups["quote"].Value
                    : match.Value;
            });

    // The href of an <a> and the src of an <img> start tag (the narrative is well-formed XHTML: the readers check it,
    // https://hl7.org/fhir/R4/narrative.html#xhtml).
    [GeneratedRegex("""(?<head><(?:a\s(?:[^>]*?\s)?href|img\s(?:[^>]*?\s)?src)\s*=\s*(?<quote>["']))(?<value>[^"'<>]*)\k<quote>""", RegexOptions.CultureInvariant)]
    private static partial Regex NarrativeLink();
}
