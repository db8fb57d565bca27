using FhirGateway.Fhir.Definitions;
using FhirGateway.Fhir.Model;
using FhirGateway.Search.Query;

namespace FhirGateway.Search.Results;

/// <summary>
/// <c>_summary</c> and <c>_elements</c> on a read or vread: both are among the parameters defined for every
/// interaction (https://hl7.org/fhir/R4/http.html#parameters), with the meanings search gives them
/// (https://hl7.org/fhir/R4/search.html#summary, #elements): the same subsets as in search results, tagged SUBSETTED.
/// <c>_summary=count</c> is "search only", so a read refuses it.
/// </summary>
public sealed record ReadSubset(SummaryMode Summary, IReadOnlyList<string>? Elements)
{
    /// <summary>The whole resource.</summary>
    public static readonly ReadSubset Whole = new(SummaryMode.None, null);

    /// <summary>Whether the subset leaves anything out.</summary>
    public bool Applies => ResourceSubsetter.Applies(Summary, Elements);

    /// <summary>
    /// Reads <c>_summary</c> and <c>_elements</c> from a read's query. Returns null with <paramref name="error"/> for a
    /// value the read cannot serve; element names the type does not have are left out, or, when
    /// <paramref name="strict"/> (<c>Prefer: handling=strict</c>), refused too.
    /// </summary>
    public static ReadSubset? Parse(string resourceType, IEnumerable<KeyValuePair<string, string>> query, bool strict, out string? error)
    {
        error = null;
        var summary = SummaryMode.None;
        List<string>? elements = null;
        foreach (var (name, value) in query)
        {
            if (name == "_summary")
            {
                var mode = ResultParameterValues.Summary(value);
                if (mode is null or SummaryMode.Count)
                {
                    error = mode == SummaryMode.Count
                        ? "_summary=count applies to searches; a read returns the resource (true, false, text or data)."
                        : "_summary must be true, false, text or data on a read.";
                    return null;
                }

                summary = mode.Value;
            }
            else if (name == "_elements")
            {
                // A repeated _elements replaces the one before, as in search (SearchQueryParser).
                var type = FhirModel.R4.FindType(resourceType);
                elements = [];
                foreach (var element in ResultParameterValues.Elements(value))
                {
                    if (!ResultParameterValues.IsElementOf(type, element))
                    {
                        if (strict)
                        {
                            error = $"{resourceType} has no element '{element}' (Prefer: handling=strict).";
                            return null;
                        }

                        continue;
                    }

                    elements.Add(element);
                }
            }
        }

        // Names the type does not have leave nothing to select: the whole resource, as in search (SearchQueryParser).
        if (elements is { Count: 0 })
        {
            elements = null;
        }

        return summary == SummaryMode.None && elements is null ? Whole : new ReadSubset(summary, elements);
    }

    /// <summary>Removes what the subset leaves out of <paramref name="resource"/>, in place, and tags it SUBSETTED.</summary>
    public void Apply(ElementNode resource) => ResourceSubsetter.Apply(resource, Summary, Elements);
}
