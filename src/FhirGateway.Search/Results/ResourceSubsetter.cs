using FhirGateway.Fhir.Definitions;
using FhirGateway.Fhir.Model;
using FhirGateway.Search.Query;

namespace FhirGateway.Search.Results;

/// <summary>
/// <c>_summary</c> and <c>_elements</c> (https://hl7.org/fhir/R4/search.html#summary, #elements): what is left of a
/// resource, marked with the SUBSETTED tag (https://hl7.org/fhir/R4/resource.html#tag) so nobody takes it for the
/// whole resource.
/// </summary>
internal static class ResourceSubsetter
{
    private const string SubsettedSystem = "http://terminology.hl7.org/CodeSystem/v3-ObservationValue";

    /// <summary>Whether the options leave anything out.</summary>
    public static bool Applies(SummaryMode summary, IReadOnlyList<string>? elements) =>
        summary is SummaryMode.True or SummaryMode.Text or SummaryMode.Data || elements is not null;

    /// <summary>Removes what the options leave out, in place, and tags the resource.</summary>
    public static void Apply(ElementNode resource, SummaryMode summary, IReadOnlyList<string>? elements)
    {
        switch (summary)
        {
            case SummaryMode.True:
                KeepSummary(resource);
                break;
            case SummaryMode.Text:
                Keep(resource, c => c.Name is "text" or "id" or "meta" || c.Definition!.Min > 0);
                break;
            case SummaryMode.Data:
                resource.RemoveAll("text");
                break;
        }

        if (elements is not null)
        {
            // Requested elements, plus what identifies the resource and what it must have to be valid.
            Keep(resource, c => c.Name is "id" or "meta" || c.Definition!.Min > 0 || elements.Contains(c.Name) || elements.Contains(c.SerializedName));
        }

        if (Applies(summary, elements))
        {
            Tag(resource);
        }
    }

    // Elements marked isSummary; inside data types every element stays (the data type is the unit of summary).
    private static void KeepSummary(ElementNode node)
    {
        Keep(node, c => c.Definition!.IsSummary);
        foreach (var child in node.Children)
        {
            if (child.Type.Kind == TypeKind.Backbone)
            {
                KeepSummary(child);
            }
        }
    }

    private static void Keep(ElementNode node, Func<ElementNode, bool> keep)
    {
        var remove = new List<ElementNode>();
        foreach (var child in node.Children)
        {
            if (child.Definition is not null && !keep(child))
            {
                remove.Add(child);
            }
        }

        foreach (var child in remove)
        {
            node.Remove(child);
        }
    }

    private static void Tag(ElementNode resource)
    {
        var meta = resource.Child("meta") ?? resource.AddNew("meta");
        if (meta.ChildrenNamed("tag").Any(t => t.Child("system")?.Value == SubsettedSystem && t.Child("code")?.Value == "SUBSETTED"))
        {
            return;
        }

        var tag = meta.AddNew("tag");
        tag.AddNew("system").Value = SubsettedSystem;
        tag.AddNew("code").Value = "SUBSETTED";
    }
}
