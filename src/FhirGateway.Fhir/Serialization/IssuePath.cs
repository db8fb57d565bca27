using System.Text;

namespace FhirGateway.Fhir.Serialization;

/// <summary>
/// A position in a resource as a stack of element names (JSON names: <c>valueQuantity</c>) and indexes (for repeating
/// elements; negative for none), formatted as FHIRPath only when an issue needs it. The readers and the validator
/// keep one each while they walk.
/// </summary>
public sealed class IssuePath
{
    // Most FHIR paths are under a dozen steps; deeper ones grow the arrays.
    private string[] _names = new string[12];
    private int[] _indexes = new int[12];
    private int _depth;

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

    public int Depth => _depth;

    public void Pop() => _depth--;

    public void SetIndex(int index) => _indexes[_depth - 1] = index;

    public string Child(string name) => _depth == 0 ? name : ToString() + "." + name;

    public string Child(string name, int index) => index < 0 ? Child(name) : $"{Child(name)}[{index}]";

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

    /// <summary>The FHIRPath location with indexes (<c>Patient.name[0].given[1]</c>).</summary>
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
