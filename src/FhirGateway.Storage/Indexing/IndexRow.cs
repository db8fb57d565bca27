namespace FhirGateway.Storage.Indexing;

/// <summary>
/// One search-index row of a resource version: a search parameter name, its kind and the values the search layer
/// extracted and normalized (https://hl7.org/fhir/R4/search.html). The store keeps the rows of current versions only
/// and does not interpret them. Create rows with the <c>For...</c> methods, which check each kind's required values.
/// </summary>
public sealed record IndexRow
{
    private IndexRow(string parameter, IndexKind kind)
    {
        ArgumentException.ThrowIfNullOrEmpty(parameter);
        Parameter = parameter;
        Kind = kind;
    }

    /// <summary>The search parameter code, e.g. <c>identifier</c>, <c>birthdate</c>.</summary>
    public string Parameter { get; private init; }

    /// <summary>The kind of value.</summary>
    public IndexKind Kind { get; }

    /// <summary>Token and quantity: the system.</summary>
    public string? System { get; private init; }

    /// <summary>Token and quantity: the code.</summary>
    public string? Code { get; private init; }

    /// <summary>
    /// String: the normalized text (the search layer's case and accent folding). Token: the normalized display text
    /// (Coding.display, CodeableConcept.text, Identifier.type.text) that <c>:text</c> searches.
    /// </summary>
    public string? Normalized { get; private init; }

    /// <summary>String: the text as written (for <c>:exact</c>).</summary>
    public string? Exact { get; private init; }

    /// <summary>Date: the start of the period the value covers (UTC).</summary>
    public DateTimeOffset? Low { get; private init; }

    /// <summary>Date: the end of the period the value covers (UTC).</summary>
    public DateTimeOffset? High { get; private init; }

    /// <summary>Reference: the target resource type of a local reference.</summary>
    public string? ReferenceType { get; private init; }

    /// <summary>Reference: the target id of a local reference.</summary>
    public string? ReferenceId { get; private init; }

    /// <summary>Reference: the URL of an absolute or canonical reference.</summary>
    public string? ReferenceUrl { get; private init; }

    /// <summary>Number and quantity: the value, or the low end of a range.</summary>
    public decimal? Value { get; private init; }

    /// <summary>Number and quantity: the high end of a range; null for a single value.</summary>
    public decimal? ValueHigh { get; private init; }

    /// <summary>The high end as the store keeps it (<c>num_high</c>): a single value is the range [value, value].</summary>
    public decimal? StoredHigh => ValueHigh ?? Value;

    /// <summary>
    /// Composite parameters: which occurrence of the composite's context the row belongs to, so that the components
    /// of one occurrence (one Observation.component) match together. Null for other rows.
    /// </summary>
    public int? Group { get; private init; }

    /// <summary>Uri: the URI.</summary>
    public string? Uri { get; private init; }

    /// <summary>A token row; system or code may be missing, not both.</summary>
    public static IndexRow ForToken(string parameter, string? system, string? code) =>
        system is null && code is null
            ? throw new ArgumentException("A token row needs a system or a code.", nameof(code))
            : new(parameter, IndexKind.Token) { System = system, Code = code };

    /// <summary>
    /// A token row with the display text <c>:text</c> searches (already normalized); system, code or text may be
    /// missing, not all three.
    /// </summary>
    public static IndexRow ForToken(string parameter, string? system, string? code, string? text) =>
        system is null && code is null && text is null
            ? throw new ArgumentException("A token row needs a system, a code or a text.", nameof(code))
            : new(parameter, IndexKind.Token) { System = system, Code = code, Normalized = text };

    /// <summary>A string row.</summary>
    public static IndexRow ForString(string parameter, string normalized, string exact)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        ArgumentNullException.ThrowIfNull(exact);
        return new(parameter, IndexKind.String) { Normalized = normalized, Exact = exact };
    }

    /// <summary>A date row covering [<paramref name="low"/>, <paramref name="high"/>].</summary>
    public static IndexRow ForDate(string parameter, DateTimeOffset low, DateTimeOffset high) =>
        high < low
            ? throw new ArgumentException("The high bound precedes the low bound.", nameof(high))
            : new(parameter, IndexKind.Date) { Low = low.ToUniversalTime(), High = high.ToUniversalTime() };

    /// <summary>A reference row: a local target (type and id), a URL, or both.</summary>
    public static IndexRow ForReference(string parameter, string? type, string? id, string? url) =>
        id is null && url is null
            ? throw new ArgumentException("A reference row needs a target id or a URL.", nameof(url))
            : new(parameter, IndexKind.Reference) { ReferenceType = type, ReferenceId = id, ReferenceUrl = url };

    /// <summary>A number row.</summary>
    public static IndexRow ForNumber(string parameter, decimal value) => new(parameter, IndexKind.Number) { Value = value };

    /// <summary>A number row for a range [<paramref name="low"/>, <paramref name="high"/>].</summary>
    public static IndexRow ForNumber(string parameter, decimal low, decimal high) =>
        high < low
            ? throw new ArgumentException("The high end precedes the low end.", nameof(high))
            : new(parameter, IndexKind.Number) { Value = low, ValueHigh = high };

    /// <summary>A quantity row.</summary>
    public static IndexRow ForQuantity(string parameter, decimal value, string? system, string? code) =>
        new(parameter, IndexKind.Quantity) { Value = value, System = system, Code = code };

    /// <summary>A quantity row for a range [<paramref name="low"/>, <paramref name="high"/>] (an R4 Range).</summary>
    public static IndexRow ForQuantity(string parameter, decimal low, decimal high, string? system, string? code) =>
        high < low
            ? throw new ArgumentException("The high end precedes the low end.", nameof(high))
            : new(parameter, IndexKind.Quantity) { Value = low, ValueHigh = high, System = system, Code = code };

    /// <summary>The same row as a component of occurrence <paramref name="group"/> of a composite parameter.</summary>
    public IndexRow InGroup(int group) => this with { Group = group };

    /// <summary>The same values under another parameter code (a composite's component, a modifier's own rows).</summary>
    public IndexRow Renamed(string parameter)
    {
        ArgumentException.ThrowIfNullOrEmpty(parameter);
        return this with { Parameter = parameter };
    }

    /// <summary>A uri row.</summary>
    public static IndexRow ForUri(string parameter, string uri)
    {
        ArgumentException.ThrowIfNullOrEmpty(uri);
        return new(parameter, IndexKind.Uri) { Uri = uri };
    }
}
