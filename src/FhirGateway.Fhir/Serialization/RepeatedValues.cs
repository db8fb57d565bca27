using System.Buffers.Binary;
using System.Numerics;
using System.Text;
using FhirGateway.Fhir.Definitions;

namespace FhirGateway.Fhir.Serialization;

/// <summary>
/// The short values a document repeats (codes, systems, units, references, dates), each turned into a string once
/// per read and shared by every node that holds it. In the official examples two string values in three repeat
/// one already met in the same document, and sharing the short ones takes an eighth of the reader's allocation
/// away, and with it work of the collector's on large bundles. A slot also remembers the type its value was last
/// checked as, so a repeat of that type is not checked again. The table is direct-mapped (a collision replaces
/// the older value), kept per thread between reads and emptied after each, so no value outlives its read in it.
/// </summary>
internal sealed class RepeatedValues
{
    /// <summary>The longest value (in bytes) kept: longer ones rarely repeat and cost more to compare.</summary>
    public const int MaxLength = 64;

    private const int MinSlots = 64;

    // Small enough (40 KB) to stay in the processor's cache: most repeats fall close to their first occurrence
    // (within one entry of a bundle). On the R4 examples 16,384 slots allocated 1.5 % less (2.106 against 2.137
    // bytes per input byte) but made the reader's value step more than twice as costly in CPU samples, on cache misses.
    private const int MaxSlots = 1024;

    // About one slot per 64 bytes of document below that: a value takes at least a property name and its quotes.
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
    /// The slot for <paramref name="ascii"/> (unescaped, plain ASCII, at most <see cref="MaxLength"/> bytes): it holds
    /// the value's string when the document has given it before (<see cref="Holds"/>), else another value or nothing.
    /// </summary>
    public ref Entry Find(ReadOnlySpan<byte> ascii, out Key key)
    {
        key = new Key(ascii);
        return ref _entries[key.Hash() & (_used - 1)];
    }

    /// <summary>
    /// Whether the slot holds <paramref name="ascii"/>. The slot keeps the first and last eight bytes, which cover
    /// values of up to sixteen (most codes, dates and numbers): those are told apart without reading the string,
    /// which on a large document is rarely in the processor's cache any more.
    /// </summary>
    public static bool Holds(in Entry entry, in Key key, ReadOnlySpan<byte> ascii) =>
        entry.Head == key.Head && entry.Tail == key.Tail && entry.Length == ascii.Length && entry.Value is { } value &&
        (ascii.Length <= 2 * sizeof(ulong) || Ascii.Equals(ascii[sizeof(ulong)..^sizeof(ulong)], value.AsSpan(sizeof(ulong), ascii.Length - (2 * sizeof(ulong)))));

    /// <summary>Puts <paramref name="value"/> (the string of <paramref name="key"/>'s bytes) in the slot, not yet checked as any type.</summary>
    public static void Store(ref Entry entry, in Key key, string value)
    {
        entry.Value = value;
        entry.CheckedAs = null;
        entry.Head = key.Head;
        entry.Tail = key.Tail;
        entry.Length = value.Length;
    }

    /// <summary>One slot: a value met in this read, its first and last eight bytes, and the type it was last found valid as (null: not checked yet).</summary>
    internal struct Entry
    {
        public string? Value;
        public TypeDefinition? CheckedAs;
        public ulong Head;
        public ulong Tail;
        public int Length;
    }

    /// <summary>
    /// The first, middle and last eight bytes of a value (overlapping when shorter; a value under eight bytes is
    /// all in <see cref="Head"/>). Values of one document often share a start (http://terminology.hl7.org/CodeSystem/...)
    /// or an end, rarely both and the middle, so these and the length make the hash.
    /// </summary>
    internal readonly struct Key
    {
        public readonly ulong Head;
        public readonly ulong Middle;
        public readonly ulong Tail;
        public readonly int Length;

        public Key(ReadOnlySpan<byte> ascii)
        {
            Length = ascii.Length;
            if (ascii.Length >= sizeof(ulong))
            {
                Head = BinaryPrimitives.ReadUInt64LittleEndian(ascii);
                Middle = BinaryPrimitives.ReadUInt64LittleEndian(ascii.Slice((ascii.Length - sizeof(ulong)) / 2));
                Tail = BinaryPrimitives.ReadUInt64LittleEndian(ascii[^sizeof(ulong)..]);
                return;
            }

            ulong head = 0;
            foreach (var b in ascii)
            {
                head = (head << 8) | b;
            }

            Head = head;
        }

        public int Hash()
        {
            var hash = (Head * 0x9E3779B97F4A7C15UL) ^ (Middle * 0xD6E8FEB86659FD93UL) ^ (Tail * 0xC2B2AE3D27D4EB4FUL) ^ (ulong)Length;
            return (int)(hash >> 32) ^ (int)hash;
        }
    }
}
