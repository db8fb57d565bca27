using FhirGateway.Fhir.Definitions;
using FhirGateway.Fhir.Model;
using FhirGateway.FhirPath.Values;
using Quantity = FhirGateway.FhirPath.Values.Quantity;

namespace FhirGateway.FhirPath.Evaluation;

/// <summary>Path navigation over the element model (https://hl7.org/fhirpath/N1/#path-selection).</summary>
internal static class Navigation
{
    /// <summary>
    /// Appends the children of <paramref name="item"/> named <paramref name="name"/>. A choice element is reached by its
    /// name without the type (<c>value</c> finds <c>valueQuantity</c>); with <paramref name="lenientChoice"/> the typed
    /// name (<c>valueQuantity</c>) works too.
    /// </summary>
    public static void Children(object item, string name, bool lenientChoice, List<object> output)
    {
        switch (item)
        {
            case ElementNode node:
                foreach (var child in node.Children)
                {
                    if (string.Equals(child.Name, name, StringComparison.Ordinal) || (lenientChoice && IsTypedChoiceName(child, name)))
                    {
                        output.Add(child);
                    }
                }

                break;
            case Quantity q:
                if (name == "value")
                {
                    output.Add(q.Value);
                }
                else if (name == "unit")
                {
                    output.Add(q.Unit);
                }

                break;
            case FhirPathTypeInfo t:
                if (name == "namespace")
                {
                    output.Add(t.Namespace);
                }
                else if (name == "name")
                {
                    output.Add(t.Name);
                }

                break;
        }
    }

    private static bool IsTypedChoiceName(ElementNode child, string name)
    {
        if (child.Definition is not { IsChoice: true } definition)
        {
            return false;
        }

        var prefix = definition.Name;
        return name.Length > prefix.Length && name.StartsWith(prefix, StringComparison.Ordinal) &&
               name.AsSpan(prefix.Length).SequenceEqual(child.Type.ChoiceSuffix);
    }

    /// <summary>
    /// Whether a leading identifier names the type of the node or one of its base types: <c>Patient.name</c> on a
    /// Patient, <c>Resource.id</c> on any resource (https://hl7.org/fhirpath/N1/#path-selection).
    /// </summary>
    public static bool IsTypeName(TypeDefinition type, string name)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            if (string.Equals(t.Name, name, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>All descendants in document order, depth first (https://hl7.org/fhirpath/N1/#descendants--collection).</summary>
    public static void Descendants(ElementNode node, List<object> output)
    {
        foreach (var child in node.Children)
        {
            output.Add(child);
            Descendants(child, output);
        }
    }
}
