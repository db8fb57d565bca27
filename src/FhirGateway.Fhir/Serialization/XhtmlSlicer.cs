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
    private readonly int _first;

    // A cursor over line starts: narratives are sliced in document order, so lines are counted forward from the
    // last one found instead of indexing every line of the document up front.
    private int _line = 1;
    private int _lineStart;

    public XhtmlSlicer(ArraySegment<byte> source)
    {
        _source = source;
        _first = source.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
        _lineStart = _first;
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

        var div = bytes[from..(close + 1)];
        var text = Encoding.UTF8.GetString(div);

        // The div's namespace may be declared on an ancestor; a stand-alone copy must declare it itself.
        if (div.StartsWith("<div"u8) && StartTag(div).IndexOf("xmlns="u8) < 0)
        {
            text = "<div" + XhtmlDeclaration + text[4..];
        }

        return text;
    }

    private static ReadOnlySpan<byte> StartTag(ReadOnlySpan<byte> div)
    {
        var close = CloseOfTag(div, 0);
        return close < 0 ? div : div[..(close + 1)];
    }

    /// <summary>The byte offset of a 1-based line and column (columns count UTF-16 units, as the reader does).</summary>
    private int Offset(int line, int column)
    {
        var offset = LineStart(line);
        if (offset < 0)
        {
            return -1;
        }

        var bytes = _source.AsSpan();
        for (var units = 1; units < column && offset < bytes.Length;)
        {
            var b = bytes[offset];
            var length = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
            offset += length;
            units += length == 4 ? 2 : 1;
        }

        return offset;
    }

    /// <summary>The byte offset where 1-based <paramref name="line"/> starts; -1 past the last line.</summary>
    private int LineStart(int line)
    {
        if (line < 1)
        {
            return -1;
        }

        if (line < _line)
        {
            _line = 1;
            _lineStart = _first;
        }

        var bytes = _source.AsSpan();
        while (_line < line)
        {
            var next = bytes[_lineStart..].IndexOfAny((byte)'\n', (byte)'\r');
            if (next < 0)
            {
                return -1;
            }

            // XML 1.0 section 2.11: CR LF, CR and LF each end a line.
            var end = _lineStart + next;
            if (bytes[end] == '\r' && end + 1 < bytes.Length && bytes[end + 1] == '\n')
            {
                end++;
            }

            _lineStart = end + 1;
            _line++;
        }

        return _lineStart;
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
