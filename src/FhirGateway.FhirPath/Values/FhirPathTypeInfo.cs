namespace FhirGateway.FhirPath.Values;

/// <summary>
/// What <c>type()</c> returns (https://hl7.org/fhirpath/N1/#reflection): the namespace (<c>System</c> or
/// <c>FHIR</c>) and name of an item's type. Its <c>namespace</c> and <c>name</c> can be navigated.
/// </summary>
/// <param name="Namespace">The model: <c>System</c> or <c>FHIR</c>.</param>
/// <param name="Name">The type name, e.g. <c>Integer</c>, <c>boolean</c>, <c>Patient</c>.</param>
public sealed record FhirPathTypeInfo(string Namespace, string Name)
{
    /// <inheritdoc />
    public override string ToString() => Namespace + "." + Name;
}
