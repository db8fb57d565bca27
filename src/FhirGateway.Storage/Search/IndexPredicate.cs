namespace FhirGateway.Storage.Search;

/// <summary>What one index row must hold to match one search value.</summary>
public abstract record IndexPredicate;

/// <summary>How a string value matches (https://hl7.org/fhir/R4/search.html#string).</summary>
public enum StringMatch
{
    /// <summary>The normalized text starts with the (normalized) value: the default.</summary>
    StartsWith,

    /// <summary>The normalized text contains the (normalized) value: <c>:contains</c>.</summary>
    Contains,

    /// <summary>The text as written equals the value: <c>:exact</c>.</summary>
    Exact,
}

/// <summary>
/// A string value. For <see cref="StringMatch.StartsWith"/> and <see cref="StringMatch.Contains"/>,
/// <paramref name="Value"/> is already normalized as the rows are; for <see cref="StringMatch.Exact"/> it is the text
/// as written, and <paramref name="Normalized"/> (when given) is what the row's normalized text must equal, which lets
/// the database use its index. On token rows the predicate applies to their display text (<c>:text</c>).
/// </summary>
/// <param name="Match">How the value matches.</param>
/// <param name="Value">The value.</param>
/// <param name="Normalized">For <see cref="StringMatch.Exact"/>: the normalized form rows of that text carry.</param>
public sealed record StringPredicate(StringMatch Match, string Value, string? Normalized = null) : IndexPredicate;

/// <summary>How a token value constrains the system (https://hl7.org/fhir/R4/search.html#token).</summary>
public enum TokenSystemMatch
{
    /// <summary><c>[code]</c>: any system or none.</summary>
    Any,

    /// <summary><c>|[code]</c>: no system.</summary>
    None,

    /// <summary><c>[system]|[code]</c> or <c>[system]|</c>: this system.</summary>
    Equals,
}

/// <summary>A token value: a code (null for <c>[system]|</c>, any code) and how the system must match.</summary>
/// <param name="SystemMatch">How the system must match.</param>
/// <param name="System">The system, for <see cref="TokenSystemMatch.Equals"/>.</param>
/// <param name="Code">The code; null matches any code of the system.</param>
public sealed record TokenPredicate(TokenSystemMatch SystemMatch, string? System, string? Code) : IndexPredicate;

/// <summary>The comparison prefixes of ordered values (https://hl7.org/fhir/R4/search.html#prefix).</summary>
public enum Comparator
{
    /// <summary>The search range fully contains the value.</summary>
    Eq,

    /// <summary>The search range does not fully contain the value.</summary>
    Ne,

    /// <summary>Greater than.</summary>
    Gt,

    /// <summary>Less than.</summary>
    Lt,

    /// <summary>Greater or equal.</summary>
    Ge,

    /// <summary>Less or equal.</summary>
    Le,

    /// <summary>Starts after the search range.</summary>
    Sa,

    /// <summary>Ends before the search range.</summary>
    Eb,

    /// <summary>Approximately: the value overlaps the (widened) search range.</summary>
    Ap,
}

/// <summary>
/// A date value: the range [<paramref name="Low"/>, <paramref name="High"/>] (inclusive) the search value covers at
/// its precision, compared with each row's range as https://hl7.org/fhir/R4/search.html#date defines the prefixes.
/// For <see cref="Comparator.Ap"/> the caller passes the widened range.
/// </summary>
/// <param name="Comparator">The prefix.</param>
/// <param name="Low">The first instant of the search range.</param>
/// <param name="High">The last instant of the search range.</param>
public sealed record DatePredicate(Comparator Comparator, DateTimeOffset Low, DateTimeOffset High) : IndexPredicate;

/// <summary>
/// A number or quantity value (https://hl7.org/fhir/R4/search.html#number, #quantity). <see cref="Comparator.Eq"/>
/// and <see cref="Comparator.Ne"/> use the range [<paramref name="Low"/>, <paramref name="High"/>) the value's
/// precision implies, <see cref="Comparator.Ap"/> the range [<paramref name="Low"/>, <paramref name="High"/>] the caller
/// widened, and the other prefixes the value itself. For quantities, a system and code (when given) must match too.
/// </summary>
/// <param name="Comparator">The prefix.</param>
/// <param name="Value">The value as given.</param>
/// <param name="Low">The low end of the implied range.</param>
/// <param name="High">The high end of the implied range.</param>
public sealed record NumberPredicate(Comparator Comparator, decimal Value, decimal Low, decimal High) : IndexPredicate
{
    /// <summary>Quantity: the unit system, or null for any.</summary>
    public string? System { get; init; }

    /// <summary>Quantity: the unit code, or null for any.</summary>
    public string? Code { get; init; }
}

/// <summary>
/// A reference value (https://hl7.org/fhir/R4/search.html#reference): a local target by id (and type, when known) or
/// a URL (absolute, canonical, or <c>#id</c>).
/// </summary>
/// <param name="Type">The target type, or null for any.</param>
/// <param name="Id">The target id of a local reference.</param>
/// <param name="Url">The URL of an absolute or canonical reference.</param>
public sealed record ReferencePredicate(string? Type, string? Id, string? Url) : IndexPredicate;

/// <summary>A uri value: equal, or with <paramref name="Below"/> a prefix of the row's URI (<c>:below</c>).</summary>
/// <param name="Value">The URI.</param>
/// <param name="Below">Whether the row's URI only has to start with it.</param>
public sealed record UriPredicate(string Value, bool Below = false) : IndexPredicate;
