using FhirGateway.Fhir.Model;
using FhirGateway.FhirPath;

namespace FhirGateway.Validation.Walking;

/// <summary>
/// The resource being validated and where it sits: contained in another resource, an entry of a Bundle, or on its
/// own. It supplies %resource and %rootResource to invariants (https://hl7.org/fhir/R4/fhirpath.html#variables).
/// </summary>
internal sealed class ResourceFrame
{
    private EvaluationContext? _context;

    public ResourceFrame(ElementNode resource, ResourceFrame? container, BundleIndex? bundle, ElementNode? entry)
    {
        Resource = resource;
        Container = container;
        Bundle = bundle;
        Entry = entry;
    }

    /// <summary>The resource.</summary>
    public ElementNode Resource { get; }

    /// <summary>For a contained resource, the frame of the resource that contains it.</summary>
    public ResourceFrame? Container { get; }

    /// <summary>Whether the resource is contained in another.</summary>
    public bool IsContained => Container is not null;

    /// <summary>The resource whose <c>contained</c> list local references (<c>#id</c>) look in.</summary>
    public ElementNode ContainerResource => Container?.ContainerResource ?? Resource;

    /// <summary>The Bundle the resource is an entry of (directly, or through its container).</summary>
    public BundleIndex? Bundle { get; }

    /// <summary>The Bundle entry holding the resource, when it is one.</summary>
    public ElementNode? Entry { get; }

    /// <summary>The FHIRPath environment for invariants on this resource, made once.</summary>
    public EvaluationContext EvaluationContext(ValidationRun run) => _context ??= new EvaluationContext
    {
        Resource = Resource,
        RootResource = Container?.Resource ?? Bundle?.Bundle ?? Resource,
        Terminology = run.Resources.Terminology,
        ResolveReference = Bundle is null ? null : reference => Bundle.Resolve(reference, Entry),
    };
}
