using FhirGateway.Storage.Indexing;

namespace FhirGateway.Storage.Relational;

/// <summary>
/// A <c>search_index</c> row as the database stores it (after <c>resource_key</c> and <c>resource_type</c>, which a
/// resource's rows share): what an update compares to keep the rows it would write again. Timestamps are UTC ticks as
/// read back, numbers the provider's image of the stored value (<see cref="RelationalProvider.NumberImage"/>), so two
/// rows are equal only when writing one would store exactly the other. The record's equality is ordinal on text.
/// </summary>
internal readonly record struct StoredIndexRow(
    string Parameter,
    int Kind,
    string? System,
    string? Code,
    string? Normalized,
    string? Exact,
    long? Low,
    long? High,
    string? ReferenceType,
    string? ReferenceId,
    string? ReferenceUrl,
    Int128? Value,
    Int128? ValueHigh,
    int? Group,
    string? Uri)
{
    /// <summary>The columns read back, in the order of <see cref="Read"/>.</summary>
    public const string Columns =
        "param, kind, system, code, text_norm, text_exact, date_low, date_high, ref_type, ref_id, ref_url, num_value, num_high, grp, uri";

    /// <summary>What writing <paramref name="row"/> stores.</summary>
    public static StoredIndexRow Of(IndexRow row, RelationalProvider provider) => new(
        row.Parameter,
        (int)row.Kind,
        row.System,
        row.Code,
        row.Normalized,
        row.Exact,
        row.Low?.UtcTicks,
        row.High?.UtcTicks,
        row.ReferenceType,
        row.ReferenceId,
        row.ReferenceUrl,
        row.Value is { } v ? provider.NumberImage(v) : null,
        row.StoredHigh is { } h ? provider.NumberImage(h) : null,
        row.Group,
        row.Uri);

    /// <summary>Reads the <see cref="Columns"/> starting at <paramref name="first"/>.</summary>
    public static StoredIndexRow Read(System.Data.Common.DbDataReader reader, int first, RelationalProvider provider)
    {
        string? Text(int i) => reader.IsDBNull(first + i) ? null : reader.GetString(first + i);
        long? Ticks(int i) => reader.IsDBNull(first + i) ? null : provider.GetTimestamp(reader, first + i).UtcTicks;
        Int128? Number(int i) => reader.IsDBNull(first + i) ? null : provider.ReadNumberImage(reader, first + i);
        return new(
            reader.GetString(first),
            reader.GetInt32(first + 1),
            Text(2),
            Text(3),
            Text(4),
            Text(5),
            Ticks(6),
            Ticks(7),
            Text(8),
            Text(9),
            Text(10),
            Number(11),
            Number(12),
            reader.IsDBNull(first + 13) ? null : reader.GetInt32(first + 13),
            Text(14));
    }
}
