namespace FhirGateway.FhirPath.Ast;

/// <summary>The binary operators of https://hl7.org/fhirpath/N1/#operations (is/as have their own node).</summary>
internal enum BinaryOperator
{
    Multiply,
    Divide,
    Div,
    Mod,
    Add,
    Subtract,
    Concatenate,
    Union,
    LessThan,
    LessOrEqual,
    GreaterThan,
    GreaterOrEqual,
    Equal,
    Equivalent,
    NotEqual,
    NotEquivalent,
    In,
    Contains,
    And,
    Or,
    Xor,
    Implies,
}
