namespace FhirGateway.Validation;

/// <summary>
/// The stable codes validation reports, carried in OperationOutcome.issue.details.coding with system
/// <see cref="CodeSystem"/>. A code never changes meaning once published.
/// </summary>
public static class ValidationIssueCodes
{
    /// <summary>The code system of these codes.</summary>
    public const string CodeSystem = "https://fhirgateway.dev/CodeSystem/validation-issue";

    /// <summary>An element occurs fewer times than its definition's minimum.</summary>
    public const string CardinalityMin = "cardinality-min";

    /// <summary>An element occurs more times than its definition's maximum.</summary>
    public const string CardinalityMax = "cardinality-max";

    /// <summary>An element the definition does not allow here (a profile's max of 0, or no definition at all).</summary>
    public const string ElementNotAllowed = "element-not-allowed";

    /// <summary>A choice element, resource or reference holds a type the definition does not allow.</summary>
    public const string TypeNotAllowed = "type-not-allowed";

    /// <summary>A primitive value that does not have its type's format (regex, calendar date, integer range, base64).</summary>
    public const string InvalidValue = "invalid-value";

    /// <summary>A value longer than the definition allows (strings: 1 MB).</summary>
    public const string TooLong = "too-long";

    /// <summary>A resource id that is not a valid FHIR id.</summary>
    public const string InvalidId = "invalid-id";

    /// <summary>A value that differs from the definition's fixed value.</summary>
    public const string FixedValue = "fixed-value";

    /// <summary>A value that does not contain the definition's pattern.</summary>
    public const string PatternValue = "pattern-value";

    /// <summary>A code not in the value set of a required binding.</summary>
    public const string BindingRequired = "binding-required";

    /// <summary>A code not in the value set of an extensible binding (a warning).</summary>
    public const string BindingExtensible = "binding-extensible";

    /// <summary>A code a locally known, complete code system does not define.</summary>
    public const string UnknownCode = "unknown-code";

    /// <summary>An element or attribute the narrative rules do not allow (beside the txt-1 invariant).</summary>
    public const string NarrativeContent = "narrative-content";

    /// <summary>An invariant (ElementDefinition.constraint) that does not hold.</summary>
    public const string Invariant = "invariant";

    /// <summary>An invariant that could not be evaluated (the expression failed); reported as a warning.</summary>
    public const string InvariantNotEvaluated = "invariant-not-evaluated";

    /// <summary>An element that matches no slice of a closed slicing.</summary>
    public const string SliceUnmatched = "slice-unmatched";

    /// <summary>A slice that occurs fewer or more times than its definition allows.</summary>
    public const string SliceCardinality = "slice-cardinality";

    /// <summary>Slices out of the order an ordered slicing requires.</summary>
    public const string SliceOrder = "slice-order";

    /// <summary>An extension whose definition is not known (a warning).</summary>
    public const string ExtensionUnknown = "extension-unknown";

    /// <summary>An extension used where its definition's context does not allow it.</summary>
    public const string ExtensionContext = "extension-context";

    /// <summary>A profile named in meta.profile or asked for that is not known.</summary>
    public const string ProfileUnknown = "profile-unknown";

    /// <summary>A reference to a resource type the element does not allow.</summary>
    public const string ReferenceTarget = "reference-target";

    /// <summary>A local reference (<c>#id</c>) naming no contained resource, or what a document's Composition or a message's MessageHeader refers to missing from the Bundle.</summary>
    public const string ReferenceUnresolved = "reference-unresolved";

    /// <summary>A Bundle entry's fullUrl that disagrees with its resource's type and id.</summary>
    public const string FullUrlMismatch = "fullurl-mismatch";

    /// <summary>An attachment whose stated size or hash does not match its data.</summary>
    public const string AttachmentMismatch = "attachment-mismatch";

    /// <summary>Validation stopped after the configured number of errors (fatal), or dropped further warnings (information).</summary>
    public const string TooManyIssues = "too-many-issues";
}
