using FhirGateway.Fhir.Definitions;
using FhirGateway.Fhir.Model;
using FhirGateway.Fhir.Serialization;

namespace FhirGateway.Fhir.Validation;

/// <summary>
/// The validator the gateway has until profile validation exists: the readers already checked element names, types,
/// shapes, primitive formats and narrative, so it checks what they cannot see while reading, the minimum cardinality
/// of every element of the base definitions (https://hl7.org/fhir/R4/conformance-rules.html#cardinality), in the
/// resource and in every resource it contains. Profiles are not checked: asking for one is reported as a warning.
/// </summary>
public sealed class StructuralValidator : IResourceValidator
{
    /// <summary>The one instance (it keeps no state).</summary>
    public static StructuralValidator Instance { get; } = new();

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<ParseIssue>> ValidateAsync(ElementNode resource, ValidationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(request);
        var issues = new List<ParseIssue>();
        foreach (var profile in request.Profiles)
        {
            issues.Add(new ParseIssue(
                IssueSeverity.Warning,
                ParseIssueCodes.ProfileNotChecked,
                resource.Type.Name,
                $"The resource was not checked against the profile {profile}: this server checks the base definitions only."));
        }

        Check(resource, resource.Type.Name, issues);
        return ValueTask.FromResult<IReadOnlyList<ParseIssue>>(issues);
    }

    private static void Check(ElementNode node, string path, List<ParseIssue> issues)
    {
        if (!node.Type.IsPrimitive)
        {
            foreach (var element in node.Type.Elements)
            {
                if (element.Min > 0 && node.RangeOf(element).Count < element.Min)
                {
                    issues.Add(new ParseIssue(
                        IssueSeverity.Error,
                        ParseIssueCodes.MissingRequired,
                        path,
                        $"{element.Path} is required ({element.Min}..{(element.Max == int.MaxValue ? "*" : element.Max)}) but is missing."));
                }
            }
        }

        var children = node.Children;
        for (var i = 0; i < children.Length; i++)
        {
            var child = children[i];
            var index = 0;
            for (var j = i - 1; j >= 0 && ReferenceEquals(children[j].Definition, child.Definition); j--)
            {
                index++;
            }

            var childPath = child.Definition is { IsRepeating: true } ? $"{path}.{child.Name}[{index}]" : $"{path}.{child.Name}";
            Check(child, childPath, issues);
        }
    }
}
