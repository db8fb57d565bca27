using System.Globalization;

namespace FhirGateway.Storage.History;

/// <summary>
/// A keyset position in the store's history (the global write sequence): a page continues strictly before it, so
/// versions written after the first page was read never appear in, or shift, later pages. The text form is opaque
/// to clients and safe in a URL.
/// </summary>
/// <param name="Position">The write sequence number of the last entry returned.</param>
public readonly record struct HistoryCursor(long Position)
{
    private const string Prefix = "h";

    /// <summary>Parses the text form; false for anything a store did not produce.</summary>
    public static bool TryParse(string? text, out HistoryCursor cursor)
    {
        cursor = default;
        if (text is null || !text.StartsWith(Prefix, StringComparison.Ordinal) ||
            !long.TryParse(text.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var position) || position <= 0)
        {
            return false;
        }

        cursor = new HistoryCursor(position);
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => Prefix + Position.ToString(CultureInfo.InvariantCulture);
}
