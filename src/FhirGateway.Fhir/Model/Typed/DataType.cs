namespace FhirGateway.Fhir.Model;

/// <summary>
/// Base of every data type class. R4 derives the data types from Element directly; the typed classes put
/// DataType in between, as R5 does (https://hl7.org/fhir/R5/types.html#DataType), so that a choice element
/// (<c>value[x]</c>) has one base for every value it may hold.
/// </summary>
public abstract class DataType : Element
{
    private protected DataType(ElementNode node)
        : base(node)
    {
    }
}
