namespace FhirGateway.Validation.Tests.ValidatorCases;

/// <summary>
/// The one list of validator cases that run with settings other than the defaults, or whose error count differs
/// from the HL7 reference validator's, each with its reason. conformance/known-deviations.md ("Validator cases")
/// carries the same list, checked by <see cref="CaseNotesDocumentTests"/>.
/// </summary>
internal static class CaseNotes
{
    /// <summary>Cases run with other validation options than the defaults, because the upstream case runs the reference validator so.</summary>
    public static readonly IReadOnlyDictionary<string, (ValidationOptions Options, string Reason)> Settings =
        new Dictionary<string, (ValidationOptions, string)>(StringComparer.Ordinal)
        {
            ["contained-resource-bad-id-ignore"] = (
                new ValidationOptions { ValidateContainedResources = false },
                "Runs with ValidateContainedResources off: the upstream case runs the reference validator with validateContains IGNORE (its name says so). With the defaults the gateway reports two errors: the contained Practitioner's id is 65 characters (ids are at most 64) and nothing references it (dom-3)."),
        };

    /// <summary>Cases whose verdict matches but whose error count does not.</summary>
    public static readonly IReadOnlyDictionary<string, string> CountDifferences =
        new Dictionary<string, string>(StringComparer.Ordinal);

    public static ValidationOptions OptionsFor(string name) =>
        Settings.TryGetValue(name, out var s) ? s.Options : ValidationOptions.Default;
}
