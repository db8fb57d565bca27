using FhirGateway.Fhir.Model;

namespace FhirGateway.Fhir.Serialization;

/// <summary>
/// The buffers a reader lends to the nodes it is filling (<see cref="ElementNode.BeginAppend"/>), one per nesting
/// level: only one node per level is open at a time. A thread keeps one set between reads, so reading a
/// document allocates child arrays of exact size and nothing for the growing.
/// </summary>
internal sealed class ChildBuffers
{
    // Wider buffers (a bundle with thousands of entries) are not kept past the node that grew them.
    private const int MaxKeptLength = 1024;
    private const int InitialLength = 16;

    [ThreadStatic]
    private static ChildBuffers? t_spare;

    private ElementNode[]?[] _levels = new ElementNode[]?[16];

    /// <summary>Takes the thread's set, or a new one.</summary>
    public static ChildBuffers Rent()
    {
        var buffers = t_spare ?? new ChildBuffers();
        t_spare = null;
        return buffers;
    }

    /// <summary>Keeps this set for the thread's next read; only after a read that handed every buffer back.</summary>
    public void Return() => t_spare = this;

    /// <summary>Lends the buffer of <paramref name="level"/> to <paramref name="node"/>.</summary>
    public void Lend(ElementNode node, int level)
    {
        // A primitive rarely has children (an id, extensions), and a lent buffer would sit beside its value in a
        // second object (ElementNode keeps one field for both) for nothing: it grows its own array when it must.
        if (node.Type.IsPrimitive)
        {
            return;
        }

        if (level >= _levels.Length)
        {
            Array.Resize(ref _levels, Math.Max(level + 1, _levels.Length * 2));
        }

        var buffer = _levels[level] ??= new ElementNode[InitialLength];
        _levels[level] = null;
        node.BeginAppend(buffer);
    }

    /// <summary>Ends the node's appending and takes back the buffer of <paramref name="level"/>.</summary>
    public void TakeBack(ElementNode node, int level)
    {
        if (node.EndAppend() is { } buffer && buffer.Length <= MaxKeptLength)
        {
            _levels[level] = buffer;
        }
    }
}
