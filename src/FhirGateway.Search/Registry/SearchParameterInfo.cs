using FhirGateway.FhirPath;
using FhirGateway.Storage.Indexing;

namespace FhirGateway.Search.Registry;

/// <summary>
/// One SearchParameter (https://hl7.org/fhir/R4/searchparameter.html) as search uses it: its code, type, the resource
/// types it applies to, its FHIRPath expression (compiled once), the target types of references and, for composites,
/// the components.
/// </summary>
public sealed class SearchParameterInfo
{
    internal SearchParameterInfo(
        string url, string code, SearchParamType type, IReadOnlyList<string> bases, string? expression, FhirPathExpression? compiled,
        IReadOnlyList<string> targets, IReadOnlyList<SearchParameterComponent> components, string source, string? description = null)
    {
        Description = description;
        Url = url;
        Code = code;
        Type = type;
        Bases = bases;
        Expression = expression;
        Compiled = compiled;
        Targets = targets;
        Components = components;
        Source = source;
        RowCode = code;
    }

    /// <summary>The canonical URL.</summary>
    public string Url { get; }

    /// <summary>The code used in URLs, e.g. <c>birthdate</c>.</summary>
    public string Code { get; }

    /// <summary>The type.</summary>
    public SearchParamType Type { get; }

    /// <summary>The resource types it applies to (<c>Resource</c> for every type).</summary>
    public IReadOnlyList<string> Bases { get; }

    /// <summary>The FHIRPath expression; null for parameters the specification defines without one (<c>_text</c>).</summary>
    public string? Expression { get; }

    /// <summary>The compiled expression; null without an expression.</summary>
    internal FhirPathExpression? Compiled { get; }

    /// <summary>For reference parameters: the resource types a reference may point to.</summary>
    public IReadOnlyList<string> Targets { get; }

    /// <summary>For composite parameters: the components, in order.</summary>
    public IReadOnlyList<SearchParameterComponent> Components { get; internal set; }

    /// <summary>
    /// The code of the index rows that answer this parameter: its own, or, when every base type has another parameter of
    /// the same type with the same expression on it (Patient's <c>phonetic</c> and <c>name</c>,
    /// <see cref="SearchParameterRegistry"/>), that parameter's, whose rows are then the only ones written.
    /// </summary>
    public string RowCode { get; internal set; }

    /// <summary>
    /// For a parameter whose expression is, on every base type, the union of other parameters' (Observation's
    /// <c>combo-code</c>: <c>code</c> and <c>component-code</c>; for composites, of other composites' occurrences):
    /// those parameters' codes, whose rows answer it; it writes none of its own. Null otherwise
    /// (<see cref="SearchParameterRegistry"/>).
    /// </summary>
    public IReadOnlyList<string>? RowParts { get; internal set; }

    /// <summary>
    /// For a parameter (or one reading its rows, <see cref="RowCode"/>) some of whose values are always another
    /// parameter's too (Patient's <c>name</c>: <c>family</c> and <c>given</c>; <c>address</c>: <c>address-city</c> and
    /// the like; <c>telecom</c>: <c>phone</c> and <c>email</c>): those parameters' codes. The parameter's own rows leave
    /// out the values those parameters' rows hold (<see cref="Indexing.SearchIndexer"/>), and it is answered from its
    /// rows and theirs together. Null otherwise (<see cref="SearchParameterRegistry"/>).
    /// </summary>
    public IReadOnlyList<string>? CoveredParts { get; internal set; }

    /// <summary>
    /// The codes of the rows that answer this parameter: <see cref="RowParts"/>, or <see cref="RowCode"/> and its
    /// <see cref="CoveredParts"/>.
    /// </summary>
    public IReadOnlyList<string> RowCodes => RowParts ?? (CoveredParts is { } covered ? [RowCode, .. covered] : [RowCode]);

    /// <summary>
    /// For a composite whose one occurrence is the resource itself and whose components select what their own
    /// parameters do (Observation's <c>code-value-quantity</c>: <c>code</c> and <c>value-quantity</c>): those
    /// parameters' codes, one per component, whose rows answer it; it writes none of its own. Null otherwise.
    /// A composite made of other composites (<c>combo-code-value-quantity</c>) names them in <see cref="RowParts"/>.
    /// </summary>
    public IReadOnlyList<string>? ComponentRows { get; internal set; }

    /// <summary>Whether the parameter writes index rows under its own code.</summary>
    public bool WritesOwnRows => RowParts is null && ComponentRows is null && RowCode == Code;

    /// <summary>Where the definition came from: <c>R4 core</c> or a file name.</summary>
    public string Source { get; }

    /// <summary>The definition's description (markdown), for a CapabilityStatement's documentation; null when it has none.</summary>
    public string? Description { get; }

    /// <summary>
    /// Whether searches can use the parameter: it has a compiled expression and is not of type special (those the
    /// specification defines without an expression, such as <c>_text</c> and <c>near</c>, are ignored and reported).
    /// </summary>
    public bool IsSupported => Type != SearchParamType.Special && Compiled is not null;

    /// <summary>The kind of index rows the parameter's values make; null for composite and special parameters.</summary>
    public IndexKind? Kind => KindOf(Type);

    /// <summary>The kind of index rows of a parameter type; null for composite and special.</summary>
    public static IndexKind? KindOf(SearchParamType type) => type switch
    {
        SearchParamType.String => IndexKind.String,
        SearchParamType.Token => IndexKind.Token,
        SearchParamType.Date => IndexKind.Date,
        SearchParamType.Reference => IndexKind.Reference,
        SearchParamType.Number => IndexKind.Number,
        SearchParamType.Quantity => IndexKind.Quantity,
        SearchParamType.Uri => IndexKind.Uri,
        _ => null,
    };

    /// <summary>
    /// This parameter as one resource type sees it, where its <see cref="CoveredParts"/> differ from type to type (a
    /// parameter over Patient and Person reading <c>name</c>'s rows: Patient's <c>name</c> covers <c>family</c> and
    /// <c>given</c>, Person's nothing).
    /// </summary>
    internal SearchParameterInfo WithCoveredParts(IReadOnlyList<string>? covered) =>
        new(Url, Code, Type, Bases, Expression, Compiled, Targets, Components, Source, Description)
        {
            RowCode = RowCode,
            RowParts = RowParts,
            ComponentRows = ComponentRows,
            CoveredParts = covered,
        };

    /// <inheritdoc />
    public override string ToString() => $"{Code} ({Type}, {Url})";
}

/// <summary>One component of a composite parameter: the parameter that defines its type, and its expression relative to the composite's.</summary>
/// <param name="Definition">The canonical URL of the component's SearchParameter.</param>
/// <param name="Expression">The expression, evaluated on each result of the composite's expression.</param>
public sealed record SearchParameterComponent(string Definition, string Expression)
{
    /// <summary>The compiled expression.</summary>
    internal FhirPathExpression? Compiled { get; init; }

    /// <summary>The component's parameter, once the registry found it.</summary>
    public SearchParameterInfo? Parameter { get; internal set; }
}
