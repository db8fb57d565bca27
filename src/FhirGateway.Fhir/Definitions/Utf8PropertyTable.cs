using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace FhirGateway.Fhir.Definitions;

/// <summary>
/// A type's serialized names keyed by their UTF-8 bytes, so the JSON reader finds a property straight from the
/// document's bytes without decoding the name first. Open addressing over a power-of-two table at most half full.
/// </summary>
internal sealed class Utf8PropertyTable
{
    private readonly byte[]?[] _names;
    private readonly PropertyMatch[] _matches;
    private readonly int _mask;

    public Utf8PropertyTable(IReadOnlyDictionary<string, PropertyMatch> properties)
    {
        var size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(4, properties.Count * 2));
        _names = new byte[]?[size];
        _matches = new PropertyMatch[size];
        _mask = size - 1;
        foreach (var (name, match) in properties)
        {
            var bytes = Encoding.UTF8.GetBytes(name);
            var slot = Hash(bytes) & _mask;
            while (_names[slot] is not null)
            {
                slot = (slot + 1) & _mask;
            }

            _names[slot] = bytes;
            _matches[slot] = match;
        }
    }

    public bool TryGet(ReadOnlySpan<byte> name, out PropertyMatch match)
    {
        var slot = Hash(name) & _mask;
        while (_names[slot] is { } candidate)
        {
            if (name.SequenceEqual(candidate))
            {
                match = _matches[slot];
                return true;
            }

            slot = (slot + 1) & _mask;
        }

        match = default;
        return false;
    }

    // Names are short: the first and last eight bytes (overlapping when shorter) and the length tell the names
    // of one type apart almost always (valueDate, valueDateTime), at the cost of two loads and two multiplies.
    private static int Hash(ReadOnlySpan<byte> name)
    {
        ulong head;
        ulong tail;
        if (name.Length >= sizeof(ulong))
        {
            head = BinaryPrimitives.ReadUInt64LittleEndian(name);
            tail = BinaryPrimitives.ReadUInt64LittleEndian(name[^sizeof(ulong)..]);
        }
        else
        {
            head = 0;
            foreach (var b in name)
            {
                head = (head << 8) | b;
            }

            tail = 0;
        }

        var hash = (head * 0x9E3779B97F4A7C15UL) ^ (tail * 0xC2B2AE3D27D4EB4FUL) ^ (ulong)name.Length;
        return (int)(hash >> 32) ^ (int)hash;
    }
}
