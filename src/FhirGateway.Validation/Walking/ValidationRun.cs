using FhirGateway.Fhir.Definitions;
using FhirGateway.Fhir.Model;
using FhirGateway.Fhir.Serialization;
using FhirGateway.Validation.Definitions;

namespace FhirGateway.Validation.Walking;

/// <summary>
/// One validation: the issues found so far and the location being checked. The walk (<c>ValidationRun.Walk.cs</c>)
/// visits every element once per definition that applies to it and hands it to the rules in <c>Rules/</c>; it never
/// stops at the first problem.
/// </summary>
internal sealed partial class ValidationRun
{
    private readonly List<ValidationIssue> _issues = [];
    private HashSet<string>? _describedExtensions;
    private int _errors;
    private int _others;

    public ValidationRun(ConformanceResources resources, ValidationOptions options)
    {
        Resources = resources;
        Options = options;
    }

    public ConformanceResources Resources { get; }

    public ValidationOptions Options { get; }

    public IssuePath Path { get; } = new();

    /// <summary>Whether the error limit was reached.</summary>
    public bool Stopped { get; private set; }

    /// <summary>
    /// When set, issues are only counted: a trial run that asks whether an element conforms to a profile (for
    /// profile discriminators and reference targets) and reports nothing itself.
    /// </summary>
    public bool Silent { get; init; }

    /// <summary>The errors found by a silent run.</summary>
    public int SilentErrors { get; private set; }

    /// <summary>
    /// Every issue, without exact duplicates (an element checked against a profile and its base can fail the same rule
    /// twice), and without the warning that an extension is unknown where a profile described it.
    /// </summary>
    public List<ValidationIssue> Issues()
    {
        var seen = new HashSet<ValidationIssue>();
        var result = new List<ValidationIssue>(_issues.Count);
        foreach (var issue in _issues)
        {
            if (issue.Code == ValidationIssueCodes.ExtensionUnknown && _describedExtensions is not null && _describedExtensions.Contains(issue.Location))
            {
                continue;
            }

            if (seen.Add(issue))
            {
                result.Add(issue);
            }
        }

        return result;
    }

    /// <summary>Notes that the extension at the current location was checked against a definition a profile gave.</summary>
    public void ExtensionDescribed() => (_describedExtensions ??= new HashSet<string>(StringComparer.Ordinal)).Add(Path.ToString());

    public void Error(string code, string issueType, string message) => Report(IssueSeverity.Error, code, issueType, message);

    public void Warning(string code, string issueType, string message) => Report(IssueSeverity.Warning, code, issueType, message);

    public void Information(string code, string issueType, string message) => Report(IssueSeverity.Information, code, issueType, message);

    public void Report(IssueSeverity severity, string code, string issueType, string message) =>
        ReportAt(Path.ToString(), severity, code, issueType, message);

    public void ReportAt(string location, IssueSeverity severity, string code, string issueType, string message)
    {
        if (Silent)
        {
            if (severity is IssueSeverity.Error or IssueSeverity.Fatal)
            {
                SilentErrors++;
            }

            return;
        }

        if (Stopped)
        {
            return;
        }

        // Errors and the rest are limited separately, so that a flood of warnings never hides an error and never
        // makes a resource invalid by itself.
        if (severity is IssueSeverity.Error or IssueSeverity.Fatal)
        {
            if (_errors++ >= Options.MaxIssues)
            {
                Stopped = true;
                _issues.Add(new ValidationIssue(IssueSeverity.Fatal, ValidationIssueCodes.TooManyIssues, "too-costly", location,
                    $"Validation stopped after {Options.MaxIssues} errors."));
                return;
            }
        }
        else if (_others++ >= Options.MaxIssues)
        {
            if (_others == Options.MaxIssues + 1)
            {
                _issues.Add(new ValidationIssue(IssueSeverity.Information, ValidationIssueCodes.TooManyIssues, "too-costly", location,
                    $"Only the first {Options.MaxIssues} warnings and notes are reported."));
            }

            return;
        }

        _issues.Add(new ValidationIssue(severity, code, issueType, location, message));
    }

    /// <summary>The root element of a type's own definition (<c>Period</c>), whose invariants hold wherever the type is used.</summary>
    public ElementDef? TypeRoot(TypeDefinition type) => type.Kind == TypeKind.Backbone ? null : Resources.TypeRoot(type);

    /// <summary>A short readable form of a value for messages: the primitive value, or the JSON of a complex one.</summary>
    public static string Describe(ElementNode node)
    {
        if (node.Type.IsPrimitive)
        {
            return node.Value is { } v ? "'" + v + "'" : "(no value)";
        }

        var parts = new List<string>();
        foreach (var child in node.Children)
        {
            if (child.Name is "id" or "extension")
            {
                continue;
            }

            parts.Add(child.SerializedName + ": " + Describe(child));
            if (parts.Count == 6)
            {
                parts.Add("...");
                break;
            }
        }

        return "{" + string.Join(", ", parts) + "}";
    }
}
