using System.Text.Json.Nodes;

namespace FhirGateway.Validation.Definitions;

/// <summary>Compiles a StructureDefinition's snapshot into a tree of <see cref="ElementDef"/>.</summary>
internal static class StructureDefCompiler
{
    private const string SystemTypePrefix = "http://hl7.org/fhirpath/System.";
    private const string FhirTypeExtension = "http://hl7.org/fhir/StructureDefinition/structuredefinition-fhir-type";

    public static StructureDef Compile(JsonObject sd, JsonArray snapshot, ConformanceResources resources)
    {
        var url = sd.Str("url") ?? throw new InvalidDataException("A StructureDefinition has no url.");
        var type = sd.Str("type") ?? throw new InvalidDataException($"StructureDefinition {url} has no type.");
        var def = new StructureDef(url, sd.Str("title") ?? sd.Str("name") ?? url, type, sd.Str("baseDefinition"), sd.Str("derivation") == "constraint")
        {
            ModelType = resources.Model.FindType(type),
            Contexts = [.. sd.Items("context").Select(c => new ExtensionContext(c.Str("type") ?? "element", c.Str("expression") ?? string.Empty))],
            ContextInvariants = sd.Strings("contextInvariant"),
        };

        var byId = new Dictionary<string, ElementDef>(StringComparer.Ordinal);
        foreach (var node in snapshot)
        {
            if (node is not JsonObject e || e.Str("path") is not { } path)
            {
                continue;
            }

            var id = e.Str("id") ?? (e.Str("sliceName") is { } slice ? path + ":" + slice : path);
            var element = Element(def, id, path, e);
            byId[id] = element;
            var dot = LastDot(id);
            if (dot < 0)
            {
                def.Root ??= element;
                continue;
            }

            var parentId = id[..dot];
            var last = id[(dot + 1)..];
            var colon = last.IndexOf(':', StringComparison.Ordinal);
            if (colon >= 0)
            {
                var slash = last.LastIndexOf('/');
                var slicedId = parentId + "." + (slash > colon ? last[..slash] : last[..colon]);
                if (byId.TryGetValue(slicedId, out var sliced))
                {
                    element.SliceName ??= slash > colon ? last[(slash + 1)..] : last[(colon + 1)..];
                    element.SlicedElement = sliced;
                    element.Parent = sliced.Parent;
                    sliced.Slices.Add(element);
                }

                continue;
            }

            if (byId.TryGetValue(parentId, out var parent))
            {
                element.Parent = parent;
                parent.Children.Add(element);
            }
        }

        if (def.Root is null)
        {
            throw new InvalidDataException($"StructureDefinition {url} has an empty snapshot.");
        }

        foreach (var element in byId.Values)
        {
            if (element.ContentReference is { } reference)
            {
                var target = reference[(reference.IndexOf('#', StringComparison.Ordinal) + 1)..];
                element.ContentTarget = byId.GetValueOrDefault(target);
            }
        }

        return def;
    }

    /// <summary>The last '.' of an id that separates path segments (slice names never contain one).</summary>
    internal static int LastDot(string id) => id.LastIndexOf('.');

    private static ElementDef Element(StructureDef owner, string id, string path, JsonObject e)
    {
        var element = new ElementDef(owner, id, path)
        {
            SliceName = e.Str("sliceName"),
            Min = e.Int("min") ?? 0,
            Max = e.Str("max") is { } max && max != "*" && int.TryParse(max, out var m) ? m : int.MaxValue,
            Types = [.. e.Items("type").Select(TypeOf).Where(t => t is not null).Select(t => t!)],
            MaxLength = e.Int("maxLength"),
            ContentReference = e.Str("contentReference"),
            IsModifier = e.Bool("isModifier"),
            Constraints = [.. e.Items("constraint").Select(ConstraintOf).Where(c => c is not null).Select(c => c!)],
        };

        if (e["binding"] is JsonObject binding && binding.Str("strength") is { } strength)
        {
            var valueSet = binding.Str("valueSet");
            element.Binding = new BindingDef(
                strength switch
                {
                    "required" => BindingStrength.Required,
                    "extensible" => BindingStrength.Extensible,
                    "preferred" => BindingStrength.Preferred,
                    _ => BindingStrength.Example,
                },
                valueSet is null ? null : ConformanceResources.Canonical(valueSet));
        }

        if (e["slicing"] is JsonObject slicing)
        {
            element.Slicing = new SlicingDef(
                [.. slicing.Items("discriminator").Select(d => new Discriminator(
                    d.Str("type") switch
                    {
                        "pattern" => DiscriminatorType.Pattern,
                        "exists" => DiscriminatorType.Exists,
                        "type" => DiscriminatorType.Type,
                        "profile" => DiscriminatorType.Profile,
                        _ => DiscriminatorType.Value,
                    },
                    d.Str("path") ?? "$this"))],
                slicing.Str("rules") switch
                {
                    "closed" => SlicingRules.Closed,
                    "openAtEnd" => SlicingRules.OpenAtEnd,
                    _ => SlicingRules.Open,
                },
                slicing.Bool("ordered"));
        }

        foreach (var (key, value) in e)
        {
            if (value is null || key.StartsWith('_'))
            {
                continue;
            }

            if (key.StartsWith("fixed", StringComparison.Ordinal) && key.Length > 5)
            {
                element.Fixed = FixedValueReader.Read(key[5..], value, e["_" + key]);
            }
            else if (key.StartsWith("pattern", StringComparison.Ordinal) && key.Length > 7)
            {
                element.Pattern = FixedValueReader.Read(key[7..], value, e["_" + key]);
            }
        }

        return element;
    }

    private static TypeRef? TypeOf(JsonNode t)
    {
        var code = t.Str("code");
        if (code is not null && code.StartsWith(SystemTypePrefix, StringComparison.Ordinal))
        {
            // R4 writes the types of Element.id, Extension.url and Resource.id as FHIRPath system types, with the
            // FHIR type in the structuredefinition-fhir-type extension.
            code = t.ExtensionString(FhirTypeExtension) ?? "string";
        }

        return code is null ? null : new TypeRef(code, t.Strings("profile"), t.Strings("targetProfile"));
    }

    private static ConstraintDef? ConstraintOf(JsonNode c)
    {
        var key = c.Str("key");
        if (key is null)
        {
            return null;
        }

        return new ConstraintDef(key, c.Str("severity") != "warning", c.Str("human") ?? key, c.Str("expression"), c.Str("source"));
    }
}
