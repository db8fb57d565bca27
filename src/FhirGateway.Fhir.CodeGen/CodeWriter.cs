using System.Text;

namespace FhirGateway.Fhir.CodeGen;

/// <summary>Writes C# source with four-space indentation and LF line endings, whatever the platform.</summary>
internal sealed class CodeWriter
{
    private readonly StringBuilder _text = new();
    private int _indent;
    private bool _gap;
    private bool _afterOpen;

    /// <summary>Writes a line; an empty one is a blank line.</summary>
    public void Line(string line = "")
    {
        if (_gap && !_afterOpen && !line.StartsWith('}'))
        {
            _text.Append('\n');
        }

        _gap = false;
        _afterOpen = false;
        if (line.Length > 0)
        {
            _text.Append(' ', _indent * 4).Append(line);
        }

        _text.Append('\n');
    }

    /// <summary>Separates members: a blank line before the next one, none before a closing brace.</summary>
    public void Gap() => _gap = true;

    public void Open()
    {
        Line("{");
        _afterOpen = true;
        _indent++;
    }

    /// <summary>Closes a block; <paramref name="suffix"/> follows the brace (<c>;</c> after a switch expression).</summary>
    public void Close(string suffix = "")
    {
        _indent--;
        Line("}" + suffix);
    }

    /// <summary>A documentation comment of one paragraph.</summary>
    public void Summary(string text) => Line("/// <summary>" + XmlDoc.Escape(text) + "</summary>");

    public override string ToString() => _text.ToString();
}
