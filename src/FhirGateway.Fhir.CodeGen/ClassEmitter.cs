using FhirGateway.Fhir.Definitions;

namespace FhirGateway.Fhir.CodeGen;

/// <summary>Writes one class: its constructors, the properties of its own elements and its nested backbones.</summary>
internal sealed class ClassEmitter(ModelCatalog catalog, CodeWriter w)
{
    public void Emit(ClassInfo c)
    {
        w.Summary(Describe(c));
        var modifiers = c.Type.IsAbstract ? "abstract " : c.IsSealed ? "sealed " : string.Empty;
        w.Line($"public {modifiers}partial class {c.Name} : {c.BaseName}");
        w.Open();
        Constructors(c);
        CheckNames(c);
        var properties = new PropertyEmitter(catalog, w);
        foreach (var e in c.OwnElements)
        {
            properties.Emit(c, e);
        }

        foreach (var nested in c.Nested)
        {
            Emit(nested);
            w.Gap();
        }

        w.Close();
    }

    private void Constructors(ClassInfo c)
    {
        if (c.Type.IsAbstract)
        {
            w.Line($"private protected {c.Name}(ElementNode node)");
            w.Line("    : base(node)");
            w.Open();
            w.Close();
            w.Gap();
            return;
        }

        w.Line($"private static readonly TypeDefinition ThisType = ModelTypes.Get({Naming.Literal(c.Type.Name)});");
        w.Gap();
        w.Summary($"Creates a view over a new, empty R4 {c.Type.Name} node.");
        w.Line($"public {c.Name}()");
        w.Line("    : base(new ElementNode(ThisType))");
        w.Open();
        w.Close();
        w.Gap();
        w.Summary($"Creates a view over an existing R4 {c.Type.Name} node (or one of a type derived from it).");
        w.Line($"/// <exception cref=\"ArgumentException\">The node is not an R4 {XmlDoc.Escape(c.Type.Name)}.</exception>");
        w.Line($"public {c.Name}(ElementNode node)");
        w.Line("    : base(Expect(node, ThisType))");
        w.Open();
        w.Close();
        w.Gap();
        if (c.Type.IsPrimitive)
        {
            PrimitiveValue(c);
        }
    }

    /// <summary>A primitive's constructor from a value and, on a root primitive (string, integer, ...), the typed value.</summary>
    private void PrimitiveValue(ClassInfo c)
    {
        var root = c.Type;
        while (root.BaseType is { IsPrimitive: true } b)
        {
            root = b;
        }

        var kind = PrimitiveValueKind.Of(root);
        w.Summary($"Creates a view over a new R4 {c.Type.Name} node holding a value.");
        w.Line($"public {c.Name}({kind.ValueType} value)");
        w.Line("    : this()");
        w.Open();
        w.Line("Value = value;");
        w.Close();
        w.Gap();
        if (ReferenceEquals(root, c.Type))
        {
            w.Summary("The value; null when the element carries only an id or extensions. LexicalValue has it exactly as written.");
            w.Line($"public {kind.ValueType} Value");
            w.Open();
            w.Line($"get => {kind.Read}(Node);");
            w.Line($"set => LexicalValue = {kind.Write}(value);");
            w.Close();
            w.Gap();
        }
    }

    /// <summary>Refuses names C# would reject or silently hide, so a clash shows in the generator, not in the compiler.</summary>
    private static void CheckNames(ClassInfo c)
    {
        var names = new HashSet<string>(StringComparer.Ordinal) { "ThisType", "Node" };
        if (c.Type.IsPrimitive)
        {
            names.UnionWith(["Value", "LexicalValue"]);
        }

        names.UnionWith(c.Nested.Select(n => n.Name));
        foreach (var e in c.OwnElements)
        {
            var name = PropertyEmitter.PropertyName(c, e);
            var isPrimitive = e.Types is [{ IsPrimitive: true }] && !e.IsResourceContainer && !e.IsChoice;
            foreach (var n in isPrimitive ? new[] { name, name + "Element" } : [name])
            {
                if (!names.Add(n))
                {
                    throw new InvalidOperationException($"{e.Path} would declare {c.Reference}.{n}, a name already in use.");
                }
            }
        }
    }

    private static string Describe(ClassInfo c)
    {
        if (c.DefiningElement is { } e)
        {
            return $"{e.Path}: {e.Short ?? "backbone element"}";
        }

        var what = c.Type.Kind switch
        {
            TypeKind.Primitive => "primitive type",
            TypeKind.Resource => "resource",
            _ => "data type",
        };
        return (c.Type.IsAbstract ? "The abstract FHIR R4 base " : "The FHIR R4 " + what + " ") + $"{c.Type.Name} ({c.Type.Url}).";
    }
}
