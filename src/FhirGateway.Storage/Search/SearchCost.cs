namespace FhirGateway.Storage.Search;

/// <summary>
/// How many comparisons a search's statements hold: one per value, counted again for every target type a chain
/// searches and every parameter whose rows a value is compared with (Patient's <c>name</c> reads <c>family</c>'s and
/// <c>given</c>'s rows too), as the relational store writes them. The store binds a few parameters per comparison,
/// so <see cref="Max"/> keeps a statement within SQLite's 32,766 bound parameters (SQLITE_MAX_VARIABLE_NUMBER of
/// the bundled SQLite, https://www.sqlite.org/limits.html#max_variable_number) and PostgreSQL's 65,535, and its
/// running time within seconds: <c>Provenance?target.identifier=</c> with 500 values compares each with the
/// identifiers of 112 types, 56,000 comparisons, and took three minutes on SQLite (docs/search.md, "Statement limits").
/// </summary>
public static class SearchCost
{
    /// <summary>The most comparisons one search may hold; the search layer refuses more as too costly.</summary>
    public const int Max = 4000;

    /// <summary>The comparisons of a criterion.</summary>
    public static int Of(SearchCriterion criterion) => criterion switch
    {
        IndexCriterion index => index.AnyOf.Count,
        LastUpdatedCriterion updated => updated.AnyOf.Count,
        IdCriterion id => Math.Max(id.Ids.Count, 1),
        CompositeCriterion composite => composite.AnyOf.Sum(components => components.Count),
        NotCriterion not => Of(not.Criterion),
        OfTypesCriterion ofTypes => Of(ofTypes.Criterion),
        AnyOfCriterion any => any.AnyOf.Sum(Of),

        // Candidates are found per target type, each with the target criteria (SearchSql.AppendChainKeys).
        ChainCriterion chain => chain.TargetTypes.Count * Math.Max(chain.TargetCriteria.Sum(Of), 1),
        ReverseChainCriterion has => Math.Max(has.SourceCriteria.Sum(Of), 1),
        _ => 1,
    };
}
