using FhirGateway.Api.Outcomes;
using FhirGateway.Search.Results;

namespace FhirGateway.Api.Interactions;

/// <summary>A read's <c>_summary</c> and <c>_elements</c> (<see cref="ReadSubset"/>); a value a read cannot serve is a 400.</summary>
internal static class ReadSubsets
{
    /// <summary>
    /// From a request's query; a read without a query (nearly every read) parses nothing. An unknown type is refused
    /// first, as the read would (404 before any 400 for its parameters).
    /// </summary>
    public static ReadSubset Of(HttpRequest request, string type) =>
        !request.QueryString.HasValue
            ? ReadSubset.Whole
            : Of(request.Query.SelectMany(p => p.Value.Select(v => KeyValuePair.Create(p.Key, v ?? string.Empty))), ResourceRules.RequireType(type), Headers.PreferHeader.Of(request).Strict);

    public static ReadSubset Of(IEnumerable<KeyValuePair<string, string>> query, string type, bool strict) =>
        ReadSubset.Parse(type, query, strict, out var error) ?? throw new FhirException(StatusCodes.Status400BadRequest, "invalid", error!);
}
