namespace FhirGateway.Api.Bundles;

/// <summary>What a Bundle entry's request asks for (https://hl7.org/fhir/R4/bundle.html#transaction).</summary>
internal enum EntryKind
{
    Read,
    VRead,
    History,
    Search,
    Create,
    Update,
    ConditionalUpdate,
    Patch,
    ConditionalPatch,
    Delete,
    ConditionalDelete,
}
