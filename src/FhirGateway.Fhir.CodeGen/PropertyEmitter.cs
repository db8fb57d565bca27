using FhirGateway.Fhir.Definitions;

namespace FhirGateway.Fhir.CodeGen;

/// <summary>
/// Writes the properties for one element. Each is a thin accessor over the node (see FhirObject): primitives give
/// their value and, as <c>XxxElement</c>, the primitive with its id and extensions; complex elements give the
/// typed view; repeating elements give live lists; a choice element gives the common base of its types.
/// </summary>
internal sealed class PropertyEmitter(ModelCatalog catalog, CodeWriter w)
{
    public void Emit(ClassInfo owner, ElementInfo e)
    {
        var name = PropertyName(owner, e);
        var literal = Naming.Literal(e.Name);
        var doc = e.Short ?? e.Path;
        if (e.IsResourceContainer)
        {
            var type = e.Types is [var only] ? catalog.ClassOf(only).Reference : "Resource";
            Complex(name, literal, type, e.IsRepeating, doc);
            return;
        }

        if (e.IsChoice)
        {
            if (e.IsRepeating)
            {
                throw new InvalidOperationException($"{e.Path} is a repeating choice element, which R4 does not define.");
            }

            Complex(name, literal, catalog.CommonBase(e.Types), repeating: false, doc);
            return;
        }

        var t = e.Types is [var single] ? single : throw new InvalidOperationException($"{e.Path} has {e.Types.Count} types.");
        var cls = catalog.ClassOf(t).Reference;
        if (!t.IsPrimitive)
        {
            Complex(name, literal, cls, e.IsRepeating, doc);
            return;
        }

        var kind = PrimitiveValueKind.Of(t);
        if (e.IsRepeating)
        {
            w.Summary(doc);
            w.Line($"public PrimitiveList<{kind.ValueType}> {name} => GetValues<{kind.ValueType}>({literal}, {kind.Read}, {kind.Write});");
            w.Gap();
            Complex(name + "Element", literal, cls, repeating: true, doc + " (the elements, with their ids and extensions)");
            return;
        }

        w.Summary(doc);
        w.Line($"public {kind.ValueType} {name}");
        w.Open();
        w.Line($"get => Get{kind.Accessor}({literal});");
        w.Line($"set => Set{kind.Accessor}({literal}, value);");
        w.Close();
        w.Gap();
        Complex(name + "Element", literal, cls, repeating: false, doc + " (the element, with its id and extensions)");
    }

    /// <summary>
    /// The property name: the element name in Pascal case. C# forbids a member named like its class, so the R4
    /// elements named like their type (Reference.reference, Expression.expression) get a <c>Value</c> suffix.
    /// </summary>
    public static string PropertyName(ClassInfo owner, ElementInfo e)
    {
        var name = Naming.Pascal(e.Name);
        return name == owner.Name ? name + "Value" : name;
    }

    private void Complex(string name, string literal, string type, bool repeating, string doc)
    {
        w.Summary(doc);
        if (repeating)
        {
            w.Line($"public ElementList<{type}> {name} => GetList<{type}>({literal});");
            w.Gap();
            return;
        }

        w.Line($"public {type}? {name}");
        w.Open();
        w.Line($"get => GetChild<{type}>({literal});");
        w.Line($"set => SetChild({literal}, value);");
        w.Close();
        w.Gap();
    }
}
