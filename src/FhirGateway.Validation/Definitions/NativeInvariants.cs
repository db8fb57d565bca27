namespace FhirGateway.Validation.Definitions;

/// <summary>The core invariants the validator implements in code instead of evaluating their FHIRPath.</summary>
internal enum NativeInvariant
{
    None,

    /// <summary>ele-1: every element has a value or children (on every element: evaluated natively for speed).</summary>
    Ele1,

    /// <summary>ext-1: an extension has a value or extensions, not both.</summary>
    Ext1,

    /// <summary>dom-2: a contained resource has no contained resources.</summary>
    Dom2,

    /// <summary>dom-3: every contained resource is referenced from the container, or refers to it.</summary>
    Dom3,

    /// <summary>dom-4: contained resources carry no meta.versionId or meta.lastUpdated.</summary>
    Dom4,

    /// <summary>dom-5: contained resources carry no security labels.</summary>
    Dom5,

    /// <summary>dom-6: a resource should have narrative (a warning).</summary>
    Dom6,

    /// <summary>ref-1: a local reference (<c>#id</c>) names a contained resource, or the container (<c>#</c>).</summary>
    Ref1,

    /// <summary>txt-1: narrative holds only basic, safe XHTML.</summary>
    Txt1,

    /// <summary>txt-2: narrative has some non-whitespace content.</summary>
    Txt2,
}

/// <summary>
/// Recognises the core invariants by key and exact R4 expression, so a profile that reuses a key with its own
/// expression still has its expression evaluated.
/// </summary>
internal static class NativeInvariants
{
    private const string Ele1 = "hasValue() or (children().count() > id.count())";
    private const string Ext1 = "extension.exists() != value.exists()";
    private const string Dom2 = "contained.contained.empty()";
    private const string Dom4 = "contained.meta.versionId.empty() and contained.meta.lastUpdated.empty()";
    private const string Dom5 = "contained.meta.security.empty()";
    private const string Dom6 = "text.`div`.exists()";
    private const string HtmlChecks = "htmlChecks()";

    // dom-3 and ref-1 are matched by key and by the start of their R4 expressions, which are long.
    private const string Dom3Start = "contained.where((('#'+id in (%resource.descendants().reference";
    private const string Ref1Start = "reference.startsWith('#').not() or (reference.substring(1)";

    public static NativeInvariant Recognise(string key, string? expression) => (key, expression) switch
    {
        ("ele-1", Ele1) => NativeInvariant.Ele1,
        ("ext-1", Ext1) => NativeInvariant.Ext1,
        ("dom-2", Dom2) => NativeInvariant.Dom2,
        ("dom-4", Dom4) => NativeInvariant.Dom4,
        ("dom-5", Dom5) => NativeInvariant.Dom5,
        ("dom-6", Dom6) => NativeInvariant.Dom6,

        // R4 gives txt-1 and txt-2 the same expression, htmlChecks(), though they state different rules
        // (https://hl7.org/fhir/R4/narrative.html#Narrative): each is checked for what its description says.
        ("txt-1", HtmlChecks) => NativeInvariant.Txt1,
        ("txt-2", HtmlChecks) => NativeInvariant.Txt2,
        ("dom-3", { } e) when e.StartsWith(Dom3Start, StringComparison.Ordinal) => NativeInvariant.Dom3,
        ("ref-1", { } e) when e.StartsWith(Ref1Start, StringComparison.Ordinal) => NativeInvariant.Ref1,
        _ => NativeInvariant.None,
    };
}
