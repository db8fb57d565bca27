using FhirGateway.Validation.Terminology;

namespace FhirGateway.Validation.Definitions;

/// <summary>How strongly a binding ties an element to its value set (https://hl7.org/fhir/R4/terminologies.html#strength).</summary>
internal enum BindingStrength
{
    Required,
    Extensible,
    Preferred,
    Example,
}

/// <summary>ElementDefinition.binding: strength and value set (without a version suffix).</summary>
internal sealed class BindingDef(BindingStrength strength, string? valueSet)
{
    private ValueSetExpansion? _expansion;
    private bool _expanded;

    public BindingStrength Strength { get; } = strength;

    public string? ValueSet { get; } = valueSet;

    /// <summary>The value set's expansion, computed once; null when it cannot be expanded locally.</summary>
    public ValueSetExpansion? Expansion(TerminologyService terminology)
    {
        if (!Volatile.Read(ref _expanded))
        {
            _expansion = ValueSet is null ? null : terminology.Expand(ValueSet);
            Volatile.Write(ref _expanded, true);
        }

        return _expansion;
    }
}
