namespace FhirGateway.Fhir.Model;

/// <summary>
/// Base of the primitive type classes (https://hl7.org/fhir/R4/datatypes.html#primitive). Each root primitive
/// class adds a typed <c>Value</c>; <see cref="LexicalValue"/> is the value exactly as written, so a decimal
/// keeps its digits (<c>1.50</c>).
/// </summary>
public abstract class PrimitiveType : DataType
{
    private protected PrimitiveType(ElementNode node)
        : base(node)
    {
    }

    /// <summary>The value exactly as written; null when the element carries only an id or extensions.</summary>
    public string? LexicalValue
    {
        get => Node.Value;
        set => Node.Value = value;
    }

    /// <inheritdoc />
    public override string ToString() => Node.Value ?? string.Empty;
}
