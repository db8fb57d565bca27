namespace FhirGateway.FhirPath.Functions;

/// <summary>What a function returns, as far as the static checks of strict compilation need to know.</summary>
internal enum ResultKind
{
    /// <summary>Anything; the checks stop following the path.</summary>
    Unknown,

    /// <summary>Items of the input (where, first, skip, distinct, trace, ...).</summary>
    Input,

    /// <summary>The result of the first argument evaluated per item (select).</summary>
    Projection,

    /// <summary>The union of the results of the second and third arguments (iif).</summary>
    Branches,

    /// <summary>Extension elements.</summary>
    Extension,
    Boolean,
    Integer,
    Decimal,
    String,
    Date,
    DateTime,
    Time,
    Quantity,
}
