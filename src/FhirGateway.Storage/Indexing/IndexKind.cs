namespace FhirGateway.Storage.Indexing;

/// <summary>The search parameter types the store indexes (https://hl7.org/fhir/R4/search.html#ptypes).</summary>
public enum IndexKind
{
    /// <summary>string: a normalized form for matching and the exact text for <c>:exact</c>.</summary>
    String = 1,

    /// <summary>token: system and code.</summary>
    Token = 2,

    /// <summary>date: the low and high bounds of the period the value covers.</summary>
    Date = 3,

    /// <summary>reference: the target type and id for local references, the URL otherwise.</summary>
    Reference = 4,

    /// <summary>number: the value.</summary>
    Number = 5,

    /// <summary>quantity: value, system and code.</summary>
    Quantity = 6,

    /// <summary>uri: the URI as written.</summary>
    Uri = 7,
}
