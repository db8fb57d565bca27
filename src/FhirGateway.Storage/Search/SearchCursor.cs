using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;

namespace FhirGateway.Storage.Search;

/// <summary>
/// A keyset position in a search's order: the sort values and the resource key of the entry a page ended (or, for a
/// previous page, began) with. A page continues strictly after (before) it, so resources written or changed elsewhere
/// in the order never shift the pages a client is walking through. The text form is opaque and URL-safe.
/// </summary>
public sealed class SearchCursor
{
    private const char Forward = 'n';
    private const char Backward = 'p';

    internal SearchCursor(bool isBackward, string signature, IReadOnlyList<object?> values, long key)
    {
        IsBackward = isBackward;
        Signature = signature;
        Values = values;
        Key = key;
    }

    /// <summary>Whether the page ends before this position (a previous page) rather than starting after it.</summary>
    public bool IsBackward { get; }

    /// <summary>The order the position belongs to.</summary>
    internal string Signature { get; }

    /// <summary>The sort values: string, <see cref="DateTimeOffset"/>, decimal, double or null.</summary>
    internal IReadOnlyList<object?> Values { get; }

    /// <summary>The resource key, the last sort key of every search.</summary>
    internal long Key { get; }

    /// <summary>The signature of an order.</summary>
    internal static string SignatureOf(IReadOnlyList<SearchSortKey> sort) => string.Join(",", sort.Select(k => k.Signature));

    /// <summary>Whether the cursor belongs to a search with this order.</summary>
    public bool Fits(IReadOnlyList<SearchSortKey> sort)
    {
        ArgumentNullException.ThrowIfNull(sort);
        return string.Equals(Signature, SignatureOf(sort), StringComparison.Ordinal) && Values.Count == sort.Count;
    }

    /// <summary>Parses the text form; false for anything a store did not produce.</summary>
    public static bool TryParse(string? text, out SearchCursor cursor)
    {
        cursor = null!;
        if (text is null || text.Length < 2 || text.Length > 4096 || text[0] is not (Forward or Backward))
        {
            return false;
        }

        try
        {
            var bytes = Base64Url.DecodeFromChars(text.AsSpan(1));
            using var json = JsonDocument.Parse(bytes);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Array || root.GetArrayLength() != 3 || root[0].ValueKind != JsonValueKind.String ||
                !root[1].TryGetInt64(out var key) || key <= 0 || root[2].ValueKind != JsonValueKind.Array)
            {
                return false;
            }

            var values = new List<object?>();
            foreach (var item in root[2].EnumerateArray())
            {
                if (!TryReadValue(item, out var value))
                {
                    return false;
                }

                values.Add(value);
            }

            cursor = new SearchCursor(text[0] == Backward, root[0].GetString()!, values, key);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            writer.WriteStringValue(Signature);
            writer.WriteNumberValue(Key);
            writer.WriteStartArray();
            foreach (var value in Values)
            {
                WriteValue(writer, value);
            }

            writer.WriteEndArray();
            writer.WriteEndArray();
        }

        return (IsBackward ? Backward : Forward) + Base64Url.EncodeToString(buffer.WrittenSpan);
    }

    // Each value is tagged with its type, so it binds back exactly as the database returned it.
    private static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string s:
                writer.WriteStringValue("s" + s);
                break;
            case DateTimeOffset t:
                writer.WriteStringValue("t" + t.UtcTicks.ToString(CultureInfo.InvariantCulture));
                break;
            case decimal d:
                writer.WriteStringValue("d" + d.ToString(CultureInfo.InvariantCulture));
                break;
            case double f:
                writer.WriteStringValue("f" + f.ToString("R", CultureInfo.InvariantCulture));
                break;
            default:
                throw new InvalidOperationException($"A sort value of type {value.GetType().Name} cannot be kept in a cursor.");
        }
    }

    private static bool TryReadValue(JsonElement item, out object? value)
    {
        value = null;
        if (item.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (item.ValueKind != JsonValueKind.String || item.GetString() is not { Length: > 0 } text)
        {
            return false;
        }

        var rest = text.AsSpan(1);
        switch (text[0])
        {
            case 's':
                value = rest.ToString();
                return true;
            case 't' when long.TryParse(rest, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks <= DateTimeOffset.MaxValue.UtcTicks:
                value = new DateTimeOffset(ticks, TimeSpan.Zero);
                return true;
            case 'd' when decimal.TryParse(rest, NumberStyles.Number, CultureInfo.InvariantCulture, out var d):
                value = d;
                return true;
            case 'f' when double.TryParse(rest, NumberStyles.Float, CultureInfo.InvariantCulture, out var f):
                value = f;
                return true;
            default:
                return false;
        }
    }
}
