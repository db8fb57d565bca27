namespace FhirGateway.Fhir.Serialization;

/// <summary>
/// The stable codes readers report. Each maps to an OperationOutcome issue type
/// (https://hl7.org/fhir/R4/valueset-issue-type.html). Codes never change meaning once published.
/// </summary>
public static class ParseIssueCodes
{
    /// <summary>The code system of these codes, as OperationOutcome.issue.details carries them.</summary>
    public const string CodeSystem = "https://fhirgateway.dev/CodeSystem/parse-issue";

    /// <summary>The input is not well-formed JSON.</summary>
    public const string JsonSyntax = "json-syntax";

    /// <summary>The input is not well-formed XML.</summary>
    public const string XmlSyntax = "xml-syntax";

    /// <summary>The input is not valid UTF-8, or a string escapes a lone surrogate (which UTF-8 cannot encode).</summary>
    public const string InvalidUtf8 = "invalid-utf8";

    /// <summary>
    /// A string holds a character XML 1.0 cannot carry (a control character other than tab, line feed and carriage
    /// return, or U+FFFE/U+FFFF), so the resource could not be written in both formats.
    /// </summary>
    public const string InvalidCharacter = "invalid-character";

    /// <summary>The input is larger than the configured limit.</summary>
    public const string TooLarge = "too-large";

    /// <summary>The input nests deeper than the configured limit.</summary>
    public const string TooDeep = "too-deep";

    /// <summary>The input holds more problems than the configured limit; reading stopped there.</summary>
    public const string TooManyIssues = "too-many-issues";

    /// <summary>A string value is longer than the configured limit.</summary>
    public const string StringTooLong = "string-too-long";

    /// <summary>The document is not a resource (not an object, or no resourceType).</summary>
    public const string NotAResource = "not-a-resource";

    /// <summary>resourceType is missing.</summary>
    public const string MissingResourceType = "missing-resource-type";

    /// <summary>resourceType names no concrete resource type of the release.</summary>
    public const string UnknownResourceType = "unknown-resource-type";

    /// <summary>A property or element the type does not define.</summary>
    public const string UnknownElement = "unknown-element";

    /// <summary>The same property appears twice in one object.</summary>
    public const string DuplicateProperty = "duplicate-property";

    /// <summary>A choice element appears with more than one type.</summary>
    public const string ChoiceConflict = "choice-conflict";

    /// <summary>A JSON value of the wrong kind (a number for a string, an object for a primitive, ...).</summary>
    public const string WrongJsonType = "wrong-type";

    /// <summary>A repeating element not written as an array.</summary>
    public const string ArrayExpected = "array-expected";

    /// <summary>A single element written as an array.</summary>
    public const string ArrayUnexpected = "array-unexpected";

    /// <summary>An empty object, or an element with neither value nor children.</summary>
    public const string EmptyElement = "empty-element";

    /// <summary>An empty array.</summary>
    public const string EmptyArray = "empty-array";

    /// <summary>A JSON null where none is allowed.</summary>
    public const string NullValue = "null-value";

    /// <summary>The value and <c>_name</c> arrays of a primitive list differ in length.</summary>
    public const string ArrayLengthMismatch = "array-length-mismatch";

    /// <summary>fhir_comments, which the gateway does not accept.</summary>
    public const string FhirComments = "fhir-comments";

    /// <summary>A primitive value that does not match its type's format.</summary>
    public const string InvalidValue = "invalid-value";

    /// <summary>Narrative XHTML that is not a well-formed XHTML div.</summary>
    public const string InvalidXhtml = "invalid-xhtml";

    /// <summary>An XML element or attribute outside the FHIR namespace, or the wrong namespace.</summary>
    public const string WrongNamespace = "wrong-namespace";

    /// <summary>XML elements out of the order the definitions give.</summary>
    public const string ElementOrder = "element-order";

    /// <summary>XML content where the format allows none (text in a FHIR element, a DTD, ...).</summary>
    public const string UnexpectedContent = "unexpected-content";

    /// <summary>Validation: an element the definitions require (minimum cardinality above zero) is missing.</summary>
    public const string MissingRequired = "missing-required";

    /// <summary>Validation: a profile was asked for that the validator in use cannot check.</summary>
    public const string ProfileNotChecked = "profile-not-checked";

    /// <summary>The OperationOutcome issue type for a code.</summary>
    public static string IssueTypeOf(string code) => code switch
    {
        JsonSyntax or XmlSyntax or InvalidUtf8 or NotAResource or UnexpectedContent => "structure",
        TooLarge or TooDeep or TooManyIssues => "too-costly",
        StringTooLong => "too-long",
        MissingResourceType or MissingRequired => "required",
        ProfileNotChecked => "not-supported",
        InvalidValue or InvalidXhtml or InvalidCharacter => "value",
        UnknownResourceType or UnknownElement or DuplicateProperty or ChoiceConflict or WrongJsonType or
            ArrayExpected or ArrayUnexpected or EmptyElement or EmptyArray or NullValue or ArrayLengthMismatch or
            FhirComments or WrongNamespace or ElementOrder => "structure",
        _ => "invalid",
    };
}
