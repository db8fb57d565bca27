namespace FhirGateway.FhirPath.Ast;

/// <summary>The type operations of https://hl7.org/fhirpath/N1/#types and #oftypetype--type-specifier--collection.</summary>
internal enum TypeOperation
{
    Is,
    As,
    OfType,
}
