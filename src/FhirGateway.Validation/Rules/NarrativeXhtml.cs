using System.Collections.Frozen;

namespace FhirGateway.Validation.Rules;

/// <summary>
/// The narrative rules of https://hl7.org/fhir/R4/narrative.html#xhtml, checked in one pass over the markup (the
/// readers have already checked that it is a well-formed XHTML div): only basic formatting elements (no head, body,
/// scripts, styles, forms, frames, objects or deprecated elements), no event attributes, no script URLs (txt-1);
/// and some non-whitespace content (txt-2).
/// </summary>
internal static class NarrativeXhtml
{
    private static readonly FrozenSet<string> AllowedElements = new[]
    {
        "p", "br", "div", "h1", "h2", "h3", "h4", "h5", "h6", "a", "span", "b", "em", "i", "strong", "small", "big", "tt",
        "dfn", "q", "var", "abbr", "acronym", "cite", "blockquote", "hr", "address", "bdo", "kbd", "sub", "sup", "ul",
        "ol", "li", "dl", "dt", "dd", "pre", "table", "caption", "colgroup", "col", "thead", "tr", "tfoot", "tbody", "th",
        "td", "code", "samp", "img", "map", "area",
    }.ToFrozenSet(StringComparer.Ordinal);

    // The attributes of HTML 4.0 chapters 7-11 and 15 (core, i18n and table attributes on any element), and those of
    // links, images, image maps and tables on their own elements.
    private static readonly FrozenSet<string> AllowedAttributes = new[]
    {
        "title", "style", "class", "id", "lang", "xml:lang", "dir", "accesskey", "tabindex",
        "span", "width", "align", "valign", "char", "charoff", "abbr", "axis", "headers", "scope", "rowspan", "colspan",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> AllowedElementAttributes = new[]
    {
        "a.href", "a.name", "a.charset", "a.type", "a.hreflang", "a.rel", "a.rev", "a.shape", "a.coords",
        "img.src", "img.alt", "img.longdesc", "img.height", "img.width", "img.usemap", "img.ismap", "img.border",
        "map.name", "area.shape", "area.coords", "area.href", "area.nohref", "area.alt",
        "table.summary", "table.border", "table.frame", "table.rules", "table.cellspacing", "table.cellpadding",
        "blockquote.cite", "q.cite", "pre.space", "pre.xml:space", "td.nowrap", "th.nowrap", "ol.start", "ol.type", "ul.type", "li.value", "li.type",
    }.ToFrozenSet(StringComparer.Ordinal);

    // Block elements, which XHTML does not allow inside a paragraph (https://www.w3.org/TR/html4/struct/text.html#h-9.3.1).
    private static readonly FrozenSet<string> BlockElements = new[]
    {
        "p", "div", "table", "ul", "ol", "dl", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote", "hr", "address",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>What the check found.</summary>
    /// <param name="Safe">txt-1: only allowed elements and attributes.</param>
    /// <param name="HasContent">txt-2: some text that is not white space, or an image.</param>
    /// <param name="Problems">What breaks txt-1, and block elements inside paragraphs, one plain-English line each.</param>
    internal readonly record struct Result(bool Safe, bool HasContent, IReadOnlyList<string> Problems);

    [ThreadStatic]
    private static (string? Xhtml, Result Result) _last;

    /// <summary>Checks a div; txt-1 and txt-2 ask about the same div one after the other, so the last answer is kept.</summary>
    public static Result Check(string xhtml)
    {
        if (ReferenceEquals(_last.Xhtml, xhtml))
        {
            return _last.Result;
        }

        var result = Scan(xhtml);
        _last = (xhtml, result);
        return result;
    }

    private static Result Scan(string xhtml)
    {
        List<string>? problems = null;
        var unsafeContent = false;
        var paragraphs = 0;
        var content = false;
        var i = 0;
        var text = xhtml.AsSpan();
        while (i < text.Length)
        {
            var c = text[i];
            if (c != '<')
            {
                if (!content && !char.IsWhiteSpace(c))
                {
                    content = true;
                }

                i++;
                continue;
            }

            if (Skip(text, ref i, "<!--", "-->") || Skip(text, ref i, "<?", "?>"))
            {
                continue;
            }

            if (text[i..].StartsWith("<![CDATA["))
            {
                var end = text[i..].IndexOf("]]>");
                var inner = end < 0 ? text[(i + 9)..] : text[(i + 9)..(i + end)];
                content |= !inner.IsWhiteSpace();
                i = end < 0 ? text.Length : i + end + 3;
                continue;
            }

            var closing = i + 1 < text.Length && text[i + 1] == '/';
            var nameStart = i + (closing ? 2 : 1);
            var nameEnd = nameStart;
            while (nameEnd < text.Length && !char.IsWhiteSpace(text[nameEnd]) && text[nameEnd] is not ('>' or '/'))
            {
                nameEnd++;
            }

            var name = LocalName(text[nameStart..nameEnd]).ToString();
            var tagEnd = TagEnd(text, nameEnd);
            var selfClosing = tagEnd > 0 && text[tagEnd - 1] == '/';
            if (closing)
            {
                if (name == "p" && paragraphs > 0)
                {
                    paragraphs--;
                }
            }
            else
            {
                var before = problems?.Count ?? 0;
                if (!AllowedElements.Contains(name))
                {
                    (problems ??= []).Add($"the element '{name}' is not allowed");
                }

                if (name == "img")
                {
                    content = true;
                }

                CheckAttributes(name, text[nameEnd..tagEnd], ref problems);
                unsafeContent |= (problems?.Count ?? 0) > before;
                if (paragraphs > 0 && BlockElements.Contains(name))
                {
                    // Structure, not safety: reported on its own, txt-1 still holds.
                    (problems ??= []).Add($"the element '{name}' is not allowed inside a paragraph");
                }

                if (name == "p" && !selfClosing)
                {
                    paragraphs++;
                }
            }

            i = tagEnd + 1;
        }

        return new Result(!unsafeContent, content, problems ?? (IReadOnlyList<string>)[]);
    }

    /// <summary>Adds the ids that <c>href="#id"</c> and <c>src="#id"</c> attributes point to.</summary>
    public static void CollectLocalLinks(string xhtml, HashSet<string> ids)
    {
        var text = xhtml.AsSpan();
        foreach (var attribute in (ReadOnlySpan<string>)["href=\"#", "src=\"#", "href='#", "src='#"])
        {
            var from = 0;
            while (from < text.Length)
            {
                var at = text[from..].IndexOf(attribute, StringComparison.Ordinal);
                if (at < 0)
                {
                    break;
                }

                var start = from + at + attribute.Length;
                var end = text[start..].IndexOfAny('"', '\'');
                if (end > 0)
                {
                    ids.Add(text.Slice(start, end).ToString());
                }

                from = start;
            }
        }
    }

    private static bool Skip(ReadOnlySpan<char> text, ref int i, string open, string close)
    {
        if (!text[i..].StartsWith(open, StringComparison.Ordinal))
        {
            return false;
        }

        var end = text[(i + open.Length)..].IndexOf(close, StringComparison.Ordinal);
        i = end < 0 ? text.Length : i + open.Length + end + close.Length;
        return true;
    }

    private static int TagEnd(ReadOnlySpan<char> text, int from)
    {
        var quote = '\0';
        for (var k = from; k < text.Length; k++)
        {
            var c = text[k];
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '>')
            {
                return k;
            }
        }

        return text.Length - 1;
    }

    private static ReadOnlySpan<char> LocalName(ReadOnlySpan<char> qualified)
    {
        var colon = qualified.IndexOf(':');
        return colon < 0 ? qualified : qualified[(colon + 1)..];
    }

    /// <summary>Only the HTML 4 attributes the narrative rules allow; no event attributes (<c>onclick</c>) and no script URLs.</summary>
    private static void CheckAttributes(string element, ReadOnlySpan<char> attributes, ref List<string>? problems)
    {
        var k = 0;
        while (k < attributes.Length)
        {
            while (k < attributes.Length && (char.IsWhiteSpace(attributes[k]) || attributes[k] == '/'))
            {
                k++;
            }

            var nameStart = k;
            while (k < attributes.Length && attributes[k] is not ('=' or '>') && !char.IsWhiteSpace(attributes[k]))
            {
                k++;
            }

            var name = attributes[nameStart..k].ToString();
            if (name.Length == 0)
            {
                k++;
                continue;
            }

            if (!name.StartsWith("xmlns", StringComparison.Ordinal) && !AllowedAttributes.Contains(name) && !AllowedElementAttributes.Contains(element + "." + name))
            {
                (problems ??= []).Add($"the attribute '{name}' is not allowed on '{element}'");
            }

            while (k < attributes.Length && char.IsWhiteSpace(attributes[k]))
            {
                k++;
            }

            if (k < attributes.Length && attributes[k] == '=')
            {
                k++;
                while (k < attributes.Length && char.IsWhiteSpace(attributes[k]))
                {
                    k++;
                }

                if (k < attributes.Length && attributes[k] is '"' or '\'')
                {
                    var quote = attributes[k];
                    var valueEnd = attributes[(k + 1)..].IndexOf(quote);
                    var value = valueEnd < 0 ? attributes[(k + 1)..] : attributes.Slice(k + 1, valueEnd);
                    if (value.TrimStart().StartsWith("javascript:", StringComparison.OrdinalIgnoreCase))
                    {
                        (problems ??= []).Add($"the attribute '{name}' on '{element}' holds a script URL");
                    }

                    k = valueEnd < 0 ? attributes.Length : k + 1 + valueEnd + 1;
                }
            }
        }
    }
}
