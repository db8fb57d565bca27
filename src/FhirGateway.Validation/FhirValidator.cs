using FhirGateway.Fhir.Definitions;
using FhirGateway.Fhir.Model;
using FhirGateway.Validation.Walking;

namespace FhirGateway.Validation;

/// <summary>
/// Validates FHIR R4 resources against the official R4 definitions and, when asked or claimed in meta.profile, the
/// profiles in <see cref="ConformanceResources"/> (the gateway's own included): cardinality, types and choice types,
/// primitive formats, fixed and pattern values, bindings, invariants, slicing, extensions and their contexts,
/// references to contained resources and within Bundles, and the Bundle rules. It reports every problem it finds,
/// never throws on a bad resource, and is safe to share between threads.
/// </summary>
public sealed class FhirValidator
{
    private static readonly Lazy<FhirValidator> LazyDefault = new(() => new FhirValidator());

    /// <summary>Creates a validator.</summary>
    /// <param name="options">What to check; <see cref="ValidationOptions.Default"/> when null.</param>
    /// <param name="resources">The definitions to validate against; <see cref="ConformanceResources.R4"/> when null.</param>
    public FhirValidator(ValidationOptions? options = null, ConformanceResources? resources = null)
    {
        Options = options ?? ValidationOptions.Default;
        Resources = resources ?? ConformanceResources.R4;
    }

    /// <summary>A validator with the default options over the R4 definitions and the gateway's profiles.</summary>
    public static FhirValidator Default => LazyDefault.Value;

    /// <summary>The options.</summary>
    public ValidationOptions Options { get; }

    /// <summary>The definitions.</summary>
    public ConformanceResources Resources { get; }

    /// <summary>
    /// Validates a resource against its type's R4 definition and, when <paramref name="profileUrl"/> is given, against
    /// that profile as well.
    /// </summary>
    /// <exception cref="ArgumentException">The node is not an R4 resource.</exception>
    public ValidationResult Validate(ElementNode resource, string? profileUrl = null) =>
        Validate(resource, profileUrl is null ? [] : [profileUrl]);

    /// <summary>Validates a resource against its type's R4 definition and each of <paramref name="profileUrls"/>.</summary>
    /// <exception cref="ArgumentException">The node is not an R4 resource.</exception>
    public ValidationResult Validate(ElementNode resource, IEnumerable<string> profileUrls)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(profileUrls);
        if (!resource.IsResource || resource.Type.Model.Release != FhirRelease.R4)
        {
            throw new ArgumentException("Only FHIR R4 resources can be validated.", nameof(resource));
        }

        var run = new ValidationRun(Resources, Options);
        var definition = Resources.GetTypeStructure(resource.Type.Name)
            ?? throw new ArgumentException($"No definition of {resource.Type.Name} is known.", nameof(resource));
        run.ValidateRoot(resource, definition);

        foreach (var url in profileUrls)
        {
            var profile = Resources.GetStructure(url);
            if (profile is null)
            {
                run.ReportAt(resource.Type.Name, Fhir.Serialization.IssueSeverity.Error, ValidationIssueCodes.ProfileUnknown, "not-found",
                    Resources.DefinitionProblem(url) is { } problem
                        ? $"The profile {url} cannot be used: {problem}"
                        : $"The profile {url} is not known, so the resource could not be validated against it.");
            }
            else if (profile.Type != resource.Type.Name)
            {
                run.ReportAt(resource.Type.Name, Fhir.Serialization.IssueSeverity.Error, ValidationIssueCodes.TypeNotAllowed, "invalid",
                    $"The profile {url} is for {profile.Type}, not {resource.Type.Name}.");
            }
            else if (profile.IsConstraint)
            {
                run.Path.Push(resource.Type.Name, -1);
                run.ValidateResource(resource, profile, new ResourceFrame(resource, null, null, null), checkMetaProfiles: false);
                run.Path.Pop();
            }
        }

        return new ValidationResult(run.Issues());
    }
}
