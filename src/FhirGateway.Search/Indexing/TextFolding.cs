using System.Collections.Frozen;
using System.Text;

namespace FhirGateway.Search.Indexing;

/// <summary>
/// The normal form of text that string search compares (https://hl7.org/fhir/R4/search.html#string): case- and
/// accent-insensitive (the table in <c>TextFolding.g.cs</c>), with runs of white space as one space and none at
/// either end. Index rows and search values both go through it, so "Müller", "MULLER" and " muller " match.
/// </summary>
internal static partial class TextFolding
{
    /// <summary>
    /// The most characters of normalized text an index row keeps (an index entry must stay small); longer text is
    /// cut, and searches compare at most this much of it.
    /// </summary>
    public const int MaxLength = 200;

    // Lazy: static fields of partial class parts initialize in no defined order, and the table is in the other part.
    private static readonly Lazy<FrozenDictionary<char, string>> Map = new(Build);

    /// <summary>The normal form, cut to <see cref="MaxLength"/>.</summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var folded = new StringBuilder(Math.Min(text.Length, MaxLength + 8));
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = folded.Length > 0;
                continue;
            }

            if (space)
            {
                folded.Append(' ');
                space = false;
            }

            if (c < 0x80)
            {
                folded.Append(c is >= 'A' and <= 'Z' ? (char)(c + 32) : c);
            }
            else if (Map.Value.TryGetValue(c, out var replacement))
            {
                folded.Append(replacement);
            }
            else
            {
                folded.Append(c);
            }

            if (folded.Length >= MaxLength)
            {
                break;
            }
        }

        if (folded.Length > MaxLength)
        {
            folded.Length = MaxLength;
        }

        // Never end on half a surrogate pair.
        if (folded.Length > 0 && char.IsHighSurrogate(folded[^1]))
        {
            folded.Length--;
        }

        return folded.ToString();
    }

    private static FrozenDictionary<char, string> Build()
    {
        var map = new Dictionary<char, string>(Sources.Length);
        for (var i = 0; i < Sources.Length; i++)
        {
            map[Sources[i]] = Targets[i];
        }

        return map.ToFrozenDictionary();
    }
}
