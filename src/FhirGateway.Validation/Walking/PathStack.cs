using System.Text;

namespace FhirGateway.Validation.Walking;

/// <summary>
/// The location being validated, as a stack of element names (JSON names: <c>valueQuantity</c>) and indexes (for
/// repeating elements), formatted as FHIRPath only when an issue needs it.
/// </summary>
internal sealed class PathStack
{
    private string[] _names = new string[32];
    private int[] _indexes = new int[32];
    private int _depth;

    public int Depth => _depth;

    public void Push(string name, int index)
    {
        if (_depth == _names.Length)
        {
            Array.Resize(ref _names, _depth * 2);
            Array.Resize(ref _indexes, _depth * 2);
        }

        _names[_depth] = name;
        _indexes[_depth] = index;
        _depth++;
    }

    public void Pop() => _depth--;

    /// <summary>The element path without indexes (<c>Patient.name.given</c>), as extension contexts name elements.</summary>
    public string ElementPath()
    {
        var sb = new StringBuilder();
        for (var i = 0; i < _depth; i++)
        {
            if (i > 0)
            {
                sb.Append('.');
            }

            sb.Append(_names[i]);
        }

        return sb.ToString();
    }

    public override string ToString()
    {
        var sb = new StringBuilder();
        for (var i = 0; i < _depth; i++)
        {
            if (i > 0)
            {
                sb.Append('.');
            }

            sb.Append(_names[i]);
            if (_indexes[i] >= 0)
            {
                sb.Append('[').Append(_indexes[i]).Append(']');
            }
        }

        return sb.ToString();
    }
}
