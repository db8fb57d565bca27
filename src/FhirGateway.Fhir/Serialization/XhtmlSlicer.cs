using System.Text;

namespace FhirGateway.Fhir.Serialization;

/// <summary>
/// Cuts a narrative div out of the source bytes by the line and column positions the XML reader reports,
/// so narrative keeps its exact text (entities, quoting, line ends) instead of a re-serialised copy.
/// </summary>
internal sealed class XhtmlSlicer
{
    private const string XhtmlDeclaration = " xmlns=\"" + Xhtml.Namespace + "\"";
    private readonly ArraySegment<byte> _source;
    private readonly List<int> _lineStarts = [];

    public XhtmlSlicer(ArraySegment<byte> source)
    {
        _source = source;
        var bytes = source.AsSpan();
        var first = bytes.StartsWith("\uFEFF"u8) ? 3 : 0;
        _lineStarts.Add(first);
        for (var i = first; i < bytes.Length; i++)
        {
            // XML 1.0 section 2.11: CR LF, CR and LF each end a line.
            if (bytes[i] == '\n' || (bytes[i] == '\r' && (i + 1 >= bytes.Length || bytes[i + 1] != '\n')))
            {
                _lineStarts.Add(i + 1);
            }
        }
    }

    /// <summary>
    /// The div from its start tag (the reader's position of its name) to its end tag (the position of the end
    /// tag's name), or the self-closed start tag when <paramref name="end"/> is null.
    /// </summary>
    public string? Slice((int Line, int Column) start, (int Line, int Column)? end)
    {
        var bytes = _source.AsSpan();
        var from = Offset(start.Line, start.Column) - 1;
        if (from < 0 || bytes[from] != '<')
        {
            return null;
        }

        var to = end is { } e ? Offset(e.Line, e.Column) : from + 1;
        var close = CloseOfTag(bytes, to);
        if (close < 0)
        {
            return null;
        }

        var text = Encoding.UTF8.GetString(bytes[from..(close + 1)]);

        // The div's namespace may be declared on an ancestor; a stand-alone copy must declare it itself.
        if (text.StartsWith("<div", StringComparison.Ordinal) && !StartTag(text).Contains("xmlns=", StringComparison.Ordinal))
        {
            text = "<div" + XhtmlDeclaration + text[4..];
        }

        return text;
    }

    private static string StartTag(string text)
    {
        var close = CloseOfTag(Encoding.UTF8.GetBytes(text), 0);
        return close < 0 ? text : text[..(close + 1)];
    }

    /// <summary>The byte offset of a 1-based line and column (columns count UTF-16 units, as the reader does).</summary>
    private int Offset(int line, int column)
    {
        if (line < 1 || line > _lineStarts.Count)
        {
            return -1;
        }

        var bytes = _source.AsSpan();
        var offset = _lineStarts[line - 1];
        for (var units = 1; units < column && offset < bytes.Length;)
        {
            var b = bytes[offset];
            var length = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
            offset += length;
            units += length == 4 ? 2 : 1;
        }

        return offset;
    }

    /// <summary>The offset of the '>' that closes the tag at or after <paramref name="from"/>, skipping quoted attribute values.</summary>
    private static int CloseOfTag(ReadOnlySpan<byte> bytes, int from)
    {
        byte quote = 0;
        for (var i = from; i < bytes.Length; i++)
        {
            var b = bytes[i];
            if (quote != 0)
            {
                if (b == quote)
                {
                    quote = 0;
                }
            }
            else if (b is (byte)'"' or (byte)'\'')
            {
                quote = b;
            }
            else if (b == '>')
            {
                return i;
            }
        }

        return -1;
    }
}
