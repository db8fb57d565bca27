using FhirGateway.Fhir.Model;
using FhirGateway.FhirPath.Terminology;

namespace FhirGateway.FhirPath;

/// <summary>
/// The environment of one evaluation: the resources behind <c>%resource</c> and <c>%rootResource</c>
/// (https://hl7.org/fhir/R4/fhirpath.html#variables), user-supplied environment variables
/// (https://hl7.org/fhirpath/N1/#environment-variables), and the hooks for what the engine cannot do on its
/// own: resolving external references, terminology, profile conformance, tracing and the clock.
/// A context can be shared by concurrent evaluations as long as it is not changed meanwhile.
/// </summary>
public sealed class EvaluationContext
{
    /// <summary>A context with no variables and no hooks.</summary>
    public static EvaluationContext Empty { get; } = new();

    /// <summary>
    /// <c>%resource</c>: the resource that contains the focus. Defaults to the focus when it is a single resource.
    /// </summary>
    public ElementNode? Resource { get; init; }

    /// <summary>
    /// <c>%rootResource</c>: the resource that contains <c>%resource</c> when that one is contained, or the
    /// Bundle it is an entry of; <c>resolve()</c> looks there for <c>contained</c> resources and Bundle entries.
    /// Defaults to <see cref="Resource"/>.
    /// </summary>
    public ElementNode? RootResource { get; init; }

    /// <summary>
    /// Environment variables by name without the <c>%</c>. A value is an <see cref="ElementNode"/>, a system value
    /// (bool, int/long, decimal, string, <see cref="Values.PartialDate"/> and the other value types), an
    /// <see cref="IEnumerable{T}"/> of those for a collection, or null for a defined variable with no value.
    /// </summary>
    public IDictionary<string, object?> Variables { get; } = new Dictionary<string, object?>(StringComparer.Ordinal);

    /// <summary>The terminology hook for <c>memberOf()</c>, <c>subsumes()</c> and <c>subsumedBy()</c>; null when there is none.</summary>
    public ITerminologyService? Terminology { get; init; }

    /// <summary>Resolves a reference <c>resolve()</c> cannot find in the resource or its Bundle (absolute URLs, servers).</summary>
    public Func<string, ElementNode?>? ResolveReference { get; init; }

    /// <summary>
    /// Decides <c>conformsTo(url)</c> for profiles other than the core definitions; null when the profile is not known.
    /// </summary>
    public Func<ElementNode, string, bool?>? ConformsTo { get; init; }

    /// <summary>Receives what <c>trace(name)</c> logs.</summary>
    public Action<string, IReadOnlyList<object>>? Tracer { get; init; }

    /// <summary>The clock behind <c>now()</c>, <c>today()</c> and <c>timeOfDay()</c>; defaults to the local system time.</summary>
    public Func<DateTimeOffset>? Clock { get; init; }
}
