namespace FhirGateway.Storage.Search;

/// <summary>One condition a resource must meet to match (https://hl7.org/fhir/R4/search.html).</summary>
public abstract record SearchCriterion;

/// <summary>
/// The resource has an index row of <paramref name="Parameter"/> (of <paramref name="Kind"/>) matching any of the
/// predicates: one search parameter with comma-separated values (https://hl7.org/fhir/R4/search.html#combining).
/// </summary>
/// <param name="Parameter">The parameter code the rows were written under.</param>
/// <param name="Kind">The kind of the rows.</param>
/// <param name="AnyOf">The values; at least one.</param>
public sealed record IndexCriterion(string Parameter, Indexing.IndexKind Kind, IReadOnlyList<IndexPredicate> AnyOf) : SearchCriterion;

/// <summary>The criterion does not hold: <c>:not</c> on tokens, <c>ne</c>-like exclusions (https://hl7.org/fhir/R4/search.html#modifiers).</summary>
/// <param name="Criterion">The criterion that must not hold.</param>
public sealed record NotCriterion(SearchCriterion Criterion) : SearchCriterion;

/// <summary>Any of the criteria holds (compartments, parameters over several target types).</summary>
/// <param name="AnyOf">The alternatives; at least one.</param>
public sealed record AnyOfCriterion(IReadOnlyList<SearchCriterion> AnyOf) : SearchCriterion;

/// <summary>
/// <c>:missing</c> (https://hl7.org/fhir/R4/search.html#missing): with <paramref name="Missing"/> true the resource has
/// no index row of the parameter, otherwise at least one.
/// </summary>
/// <param name="Parameter">The parameter code.</param>
/// <param name="Kind">The kind of its rows.</param>
/// <param name="Missing">Whether the parameter must be missing.</param>
public sealed record MissingCriterion(string Parameter, Indexing.IndexKind Kind, bool Missing) : SearchCriterion;

/// <summary>
/// A chained parameter (https://hl7.org/fhir/R4/search.html#chaining): the resource refers through
/// <paramref name="Parameter"/> to a current resource of one of <paramref name="TargetTypes"/> that meets every
/// criterion of <paramref name="TargetCriteria"/>.
/// </summary>
/// <param name="Parameter">The reference parameter of the searched resource.</param>
/// <param name="TargetTypes">The target types; at least one.</param>
/// <param name="TargetCriteria">What the target must meet.</param>
public sealed record ChainCriterion(string Parameter, IReadOnlyList<string> TargetTypes, IReadOnlyList<SearchCriterion> TargetCriteria) : SearchCriterion;

/// <summary>
/// Reverse chaining, <c>_has</c> (https://hl7.org/fhir/R4/search.html#has): some current resource of
/// <paramref name="SourceType"/> refers to the resource through <paramref name="Parameter"/> and meets every criterion
/// of <paramref name="SourceCriteria"/>.
/// </summary>
/// <param name="SourceType">The referring resource type.</param>
/// <param name="Parameter">Its reference parameter.</param>
/// <param name="SourceCriteria">What the referring resource must meet.</param>
public sealed record ReverseChainCriterion(string SourceType, string Parameter, IReadOnlyList<SearchCriterion> SourceCriteria) : SearchCriterion;

/// <summary>
/// A composite parameter (https://hl7.org/fhir/R4/search.html#composite): for one of the alternatives, rows of every
/// component that belong to the same occurrence (<see cref="Indexing.IndexRow.Group"/>) match their predicates.
/// </summary>
/// <param name="AnyOf">The alternatives (comma-separated values); each lists one predicate per component.</param>
/// <param name="SameOccurrence">
/// Whether the component rows must share their group. False for a composite whose one occurrence is the resource itself
/// (Observation's <c>code-value-quantity</c>): its components are read from their own parameters' rows, which carry no
/// group, and any rows of the same resource belong to that one occurrence.
/// </param>
public sealed record CompositeCriterion(IReadOnlyList<IReadOnlyList<CompositeComponent>> AnyOf, bool SameOccurrence = true) : SearchCriterion;

/// <summary>One component of a composite value: the component's row parameter, its kind and its predicate.</summary>
/// <param name="Parameter">The parameter code the component rows were written under.</param>
/// <param name="Kind">Their kind.</param>
/// <param name="Predicate">What the row must match.</param>
public sealed record CompositeComponent(string Parameter, Indexing.IndexKind Kind, IndexPredicate Predicate);

/// <summary>
/// The resource is of one of <paramref name="Types"/> and meets <paramref name="Criterion"/>: a condition for some of
/// the types a search spans, such as each type's own compartment parameters in <c>GET Patient/[id]/*</c>
/// (https://hl7.org/fhir/R4/compartmentdefinition.html#search), ORed in an <see cref="AnyOfCriterion"/>.
/// </summary>
public sealed record OfTypesCriterion(IReadOnlyList<string> Types, SearchCriterion Criterion) : SearchCriterion;

/// <summary><c>_id</c> (https://hl7.org/fhir/R4/search.html#id): the logical id is one of <paramref name="Ids"/>.</summary>
/// <param name="Ids">The ids; at least one.</param>
public sealed record IdCriterion(IReadOnlyList<string> Ids) : SearchCriterion;

/// <summary>
/// <c>_lastUpdated</c> (https://hl7.org/fhir/R4/search.html#lastUpdated): the time the current version was written
/// (a point in time) matches any of the date predicates.
/// </summary>
/// <param name="AnyOf">The date predicates; at least one.</param>
public sealed record LastUpdatedCriterion(IReadOnlyList<DatePredicate> AnyOf) : SearchCriterion;
