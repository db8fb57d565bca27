using FhirGateway.Fhir.Model;
using FhirGateway.Fhir.Serialization;
using FhirGateway.Fhir.Validation;

namespace FhirGateway.Validation;

/// <summary>
/// The gateway's <see cref="IResourceValidator"/> when validation is registered: every resource the REST layer writes or
/// <c>$validate</c> checks goes through <see cref="FhirValidator"/> (base definitions, claimed and requested profiles,
/// invariants, terminology), and each issue keeps its own issue type and code system.
/// </summary>
public sealed class ProfileResourceValidator(FhirValidator validator) : IResourceValidator
{
    /// <inheritdoc />
    public ValueTask<IReadOnlyList<ParseIssue>> ValidateAsync(ElementNode resource, ValidationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(request);
        var result = validator.Validate(resource, request.Profiles);
        var issues = new List<ParseIssue>(result.Issues.Count);
        foreach (var issue in result.Issues)
        {
            issues.Add(ToParseIssue(issue));
        }

        return ValueTask.FromResult<IReadOnlyList<ParseIssue>>(issues);
    }

    /// <summary>A validation issue in the readers' shape, with its own issue type and code system.</summary>
    public static ParseIssue ToParseIssue(ValidationIssue issue)
    {
        ArgumentNullException.ThrowIfNull(issue);
        return new ParseIssue(issue.Severity, issue.Code, issue.Location, issue.Message)
        {
            IssueType = issue.IssueType,
            CodeSystem = issue.CodeSystem,
        };
    }
}
