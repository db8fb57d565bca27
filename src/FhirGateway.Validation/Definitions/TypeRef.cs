namespace FhirGateway.Validation.Definitions;

/// <summary>One ElementDefinition.type entry: the type code and the profiles the value or its target must meet.</summary>
/// <param name="Code">The type code (<c>Quantity</c>, <c>Reference</c>, <c>Resource</c>, <c>string</c>).</param>
/// <param name="Profiles">Profiles the value must conform to (an extension's definition URL for extensions).</param>
/// <param name="TargetProfiles">For Reference and canonical, the StructureDefinitions a target may have.</param>
internal sealed record TypeRef(string Code, string[] Profiles, string[] TargetProfiles);
