using FhirGateway.Fhir.Model;

namespace FhirGateway.FhirPath.Evaluation;

/// <summary>Singleton evaluation of collections (https://hl7.org/fhirpath/N1/#singleton-evaluation-of-collections).</summary>
internal static class Singleton
{
    /// <summary>
    /// A collection as a Boolean: empty is null, a single Boolean is its value, any other single item is true,
    /// more than one item is an error.
    /// </summary>
    public static bool? ToBoolean(List<object> items, int position)
    {
        switch (items.Count)
        {
            case 0:
                return null;
            case 1:
                return items[0] switch
                {
                    bool b => b,

                    // A FHIR boolean with only extensions has no value: unknown.
                    ElementNode { Type.SystemType: "Boolean" } n => n.Value is null ? null : n.Value == "true",
                    _ => true,
                };
            default:
                throw new FhirPathEvaluationException($"Expected a single Boolean, but the collection has {items.Count} items", position);
        }
    }

    /// <summary>The single item of an operand, null when empty; more than one item is an error.</summary>
    public static object? Item(List<object> items, string what, int position) => items.Count switch
    {
        0 => null,
        1 => items[0],
        _ => throw new FhirPathEvaluationException($"{what} expects a single item, but the collection has {items.Count}", position),
    };
}
