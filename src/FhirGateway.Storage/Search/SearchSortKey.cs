using FhirGateway.Storage.Indexing;

namespace FhirGateway.Storage.Search;

/// <summary>What a sort key orders by.</summary>
public enum SortField
{
    /// <summary>The index rows of a parameter: ascending by their lowest value, descending by their highest.</summary>
    Parameter,

    /// <summary>The logical id.</summary>
    Id,

    /// <summary>When the current version was written.</summary>
    LastUpdated,
}

/// <summary>
/// One key of <c>_sort</c> (https://hl7.org/fhir/R4/search.html#sort). Resources without a value sort last in either
/// direction.
/// </summary>
/// <param name="Field">What to order by.</param>
/// <param name="Parameter">For <see cref="SortField.Parameter"/>: the parameter code.</param>
/// <param name="Kind">For <see cref="SortField.Parameter"/>: the kind of its rows.</param>
/// <param name="Descending">Whether the order is descending.</param>
public sealed record SearchSortKey(SortField Field, string? Parameter, IndexKind Kind, bool Descending)
{
    /// <summary>Orders by a parameter's index rows.</summary>
    public static SearchSortKey ByParameter(string parameter, IndexKind kind, bool descending = false) => new(SortField.Parameter, parameter, kind, descending);

    /// <summary>
    /// For <see cref="SortField.Parameter"/> over several parameters' rows (a parameter answered from the rows of its
    /// parts): their codes, <see cref="Parameter"/> being the first; null for one parameter.
    /// </summary>
    public IReadOnlyList<string>? Parts { get; init; }

    /// <summary>Orders by a parameter answered from the rows of several parameters.</summary>
    public static SearchSortKey ByParameters(IReadOnlyList<string> parameters, IndexKind kind, bool descending = false) =>
        parameters.Count == 1 ? ByParameter(parameters[0], kind, descending) : new(SortField.Parameter, parameters[0], kind, descending) { Parts = parameters };

    /// <summary>Orders by <c>_id</c>.</summary>
    public static SearchSortKey ById(bool descending = false) => new(SortField.Id, null, IndexKind.Token, descending);

    /// <summary>Orders by <c>_lastUpdated</c>.</summary>
    public static SearchSortKey ByLastUpdated(bool descending = false) => new(SortField.LastUpdated, null, IndexKind.Date, descending);

    /// <summary>A short text that tells sort keys apart, for checking that a cursor belongs to the same order.</summary>
    internal string Signature => Field switch
    {
        SortField.Parameter => $"{(Parts is null ? Parameter : string.Join("+", Parts))}:{(int)Kind}{(Descending ? "-" : "+")}",
        SortField.Id => Descending ? "_id-" : "_id+",
        _ => Descending ? "_lastUpdated-" : "_lastUpdated+",
    };
}
