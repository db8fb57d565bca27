namespace FhirGateway.Search.Registry;

/// <summary>The search parameter types (https://hl7.org/fhir/R4/valueset-search-param-type.html).</summary>
public enum SearchParamType
{
    /// <summary>number</summary>
    Number,

    /// <summary>date</summary>
    Date,

    /// <summary>string</summary>
    String,

    /// <summary>token</summary>
    Token,

    /// <summary>reference</summary>
    Reference,

    /// <summary>composite</summary>
    Composite,

    /// <summary>quantity</summary>
    Quantity,

    /// <summary>uri</summary>
    Uri,

    /// <summary>special (each has its own rules; none is supported yet)</summary>
    Special,
}
