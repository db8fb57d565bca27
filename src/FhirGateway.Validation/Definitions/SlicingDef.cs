namespace FhirGateway.Validation.Definitions;

/// <summary>How an element is sliced (https://hl7.org/fhir/R4/profiling.html#slicing).</summary>
internal sealed class SlicingDef(Discriminator[] discriminators, SlicingRules rules, bool ordered)
{
    public Discriminator[] Discriminators { get; } = discriminators;

    public SlicingRules Rules { get; } = rules;

    public bool Ordered { get; } = ordered;
}

/// <summary>ElementDefinition.slicing.rules.</summary>
internal enum SlicingRules
{
    Open,
    Closed,
    OpenAtEnd,
}

/// <summary>ElementDefinition.slicing.discriminator.type.</summary>
internal enum DiscriminatorType
{
    Value,
    Pattern,
    Exists,
    Type,
    Profile,
}

/// <summary>One discriminator: its type and the FHIRPath that selects the element it looks at.</summary>
internal sealed record Discriminator(DiscriminatorType Type, string Path);
