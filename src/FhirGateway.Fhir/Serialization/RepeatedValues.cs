using System.Buffers.Binary;
using System.Numerics;
using System.Text;
using FhirGateway.Fhir.Definitions;

namespace FhirGateway.Fhir.Serialization;

/// <summary>
/// The short values a document repeats (codes, systems, units, references, dates), each turned into a string once
/// per read and shared by every node that holds it. In the official examples two string values in three repeat
/// one already met in the same document; sharing the short ones takes an eighth of the reader's allocation away
/// (2.69 to 2.34 bytes per input byte), and with it work of the collector's on large bundles. A slot also remembers the type its value was last checked
/// as, so a repeat of that type is not checked again. The table is direct-mapped (a collision replaces the
/// older value), sized to the document, kept per thread between reads and emptied after each, so no value
/// outlives its read in it.
/// </summary>
internal sealed class RepeatedValues
{
    /// <summary>The longest value (in bytes) kept: longer ones rarely repeat and cost more to compare.</summary>
    public const int MaxLength = 64;

    private const int MinSlots = 64;
    private const int MaxSlots = 16384;

    // About one slot per 64 bytes of document: a value takes at least a property name and its quotes, and most
    // repeats fall close to their first occurrence (within one entry of a bundle).
    private const int BytesPerSlot = 64;

    [ThreadStatic]
    private static RepeatedValues? t_spare;

    private Entry[] _entries = new Entry[MinSlots];
    private int _used;

    /// <summary>Takes the thread's table, or a new one, with room for a document of <paramref name="documentLength"/> bytes.</summary>
    public static RepeatedValues Rent(int documentLength)
    {
        var table = t_spare ?? new RepeatedValues();
        t_spare = null;
        var slots = (int)Math.Clamp(BitOperations.RoundUpToPowerOf2((uint)Math.Max(documentLength / BytesPerSlot, 1)), MinSlots, MaxSlots);
        if (table._entries.Length < slots)
        {
            table._entries = new Entry[slots];
        }

        table._used = slots;
        return table;
    }

    /// <summary>Empties the slots this read used and keeps the table for the thread's next read.</summary>
    public void Return()
    {
        Array.Clear(_entries, 0, _used);
        t_spare = this;
    }

    /// <summary>
    /// The slot for <paramref name="ascii"/> (unescaped, plain ASCII, at most <see cref="MaxLength"/> bytes): its
    /// <see cref="Entry.Value"/> is the value's string when the document has given it before, else another value or null.
    /// </summary>
    public ref Entry Find(ReadOnlySpan<byte> ascii) => ref _entries[Hash(ascii) & (_used - 1)];

    /// <summary>Whether the slot holds <paramref name="ascii"/>.</summary>
    public static bool Holds(in Entry entry, ReadOnlySpan<byte> ascii) =>
        entry.Value is { } value && value.Length == ascii.Length && Ascii.Equals(ascii, value);

    // The first, middle and last eight bytes (overlapping when shorter) and the length: values of one document
    // often share a start (http://terminology.hl7.org/CodeSystem/...) or an end, rarely both and the middle.
    private static int Hash(ReadOnlySpan<byte> ascii)
    {
        ulong head;
        ulong middle;
        ulong tail;
        if (ascii.Length >= sizeof(ulong))
        {
            head = BinaryPrimitives.ReadUInt64LittleEndian(ascii);
            middle = BinaryPrimitives.ReadUInt64LittleEndian(ascii.Slice((ascii.Length - sizeof(ulong)) / 2));
            tail = BinaryPrimitives.ReadUInt64LittleEndian(ascii[^sizeof(ulong)..]);
        }
        else
        {
            head = 0;
            foreach (var b in ascii)
            {
                head = (head << 8) | b;
            }

            middle = 0;
            tail = 0;
        }

        var hash = (head * 0x9E3779B97F4A7C15UL) ^ (middle * 0xD6E8FEB86659FD93UL) ^ (tail * 0xC2B2AE3D27D4EB4FUL) ^ (ulong)ascii.Length;
        return (int)(hash >> 32) ^ (int)hash;
    }

    /// <summary>One slot: a value met in this read, and the type it was last found valid as (null: not checked yet).</summary>
    internal struct Entry
    {
        public string? Value;
        public TypeDefinition? CheckedAs;
    }
}
