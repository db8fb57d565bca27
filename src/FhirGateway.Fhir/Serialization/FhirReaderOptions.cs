namespace FhirGateway.Fhir.Serialization;

/// <summary>Limits and checks for the JSON and XML readers. The limits protect the gateway from hostile input.</summary>
public sealed record FhirReaderOptions
{
    /// <summary>The defaults: 100 levels, 64 MiB documents, 16 Mi characters per string, 1000 issues, values and XHTML checked.</summary>
    public static FhirReaderOptions Default { get; } = new();

    /// <summary>The deepest nesting of objects and arrays (JSON) or elements (XML) accepted.</summary>
    public int MaxDepth { get; init; } = 100;

    /// <summary>The largest document accepted, in bytes.</summary>
    public long MaxDocumentBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>The longest string value accepted, in characters (base64 attachments can be large; FHIR strings are checked against their 1 MB maximum by validation).</summary>
    public int MaxStringLength { get; init; } = 16 * 1024 * 1024;

    /// <summary>
    /// The most issues reported before reading stops with a fatal <see cref="ParseIssueCodes.TooManyIssues"/>: a
    /// document of nothing but small mistakes would otherwise cost far more memory in issues than it took to send.
    /// </summary>
    public int MaxIssues { get; init; } = 1000;

    /// <summary>Whether primitive values are checked against their type's regular expression from the definitions.</summary>
    public bool ValidatePrimitiveValues { get; init; } = true;

    /// <summary>Whether narrative XHTML is checked to be a well-formed XHTML div.</summary>
    public bool ValidateXhtml { get; init; } = true;

    /// <summary>
    /// Whether JSON strings holding characters XML 1.0 cannot carry (control characters other than tab, LF and CR;
    /// U+FFFE, U+FFFF) are refused with <see cref="ParseIssueCodes.InvalidCharacter"/>: on for what a server takes
    /// in, so that everything it stores can be served as XML too; off by default, so that data stored before is
    /// still read.
    /// </summary>
    public bool RefuseNonXmlCharacters { get; init; }

    /// <summary>The options for what the server takes in: <see cref="Default"/> with <see cref="RefuseNonXmlCharacters"/>.</summary>
    public static FhirReaderOptions Inbound { get; } = new() { RefuseNonXmlCharacters = true };
}
