using System.IO.Compression;
using System.Text.Json;

namespace FhirGateway.Fhir.Definitions;

/// <summary>
/// Builds a <see cref="FhirModel"/> from Bundles of official StructureDefinitions (gzipped JSON).
/// Works for R4 and STU3: the only differences are how a primitive's JSON kind and regex are declared.
/// </summary>
public static class DefinitionLoader
{
    private const string CanonicalBase = "http://hl7.org/fhir/StructureDefinition/";
    private const string SystemTypePrefix = "http://hl7.org/fhirpath/System.";
    private const string FhirTypeExtension = "http://hl7.org/fhir/StructureDefinition/structuredefinition-fhir-type";
    private const string JsonTypeExtension = "http://hl7.org/fhir/StructureDefinition/structuredefinition-json-type";
    private const string XmlTypeExtension = "http://hl7.org/fhir/StructureDefinition/structuredefinition-xml-type";
    private const string RegexExtensionR4 = "http://hl7.org/fhir/StructureDefinition/regex";
    private const string RegexExtensionStu3 = "http://hl7.org/fhir/StructureDefinition/structuredefinition-regex";
    private const string ExplicitTypeNameExtension = "http://hl7.org/fhir/StructureDefinition/structuredefinition-explicit-type-name";

    /// <summary>Loads a model from gzipped JSON Bundles of StructureDefinitions.</summary>
    public static FhirModel Load(FhirRelease release, IEnumerable<Stream> gzippedBundles)
    {
        var documents = new List<JsonDocument>();
        try
        {
            foreach (var s in gzippedBundles)
            {
                using var gz = new GZipStream(s, CompressionMode.Decompress);
                using var buffer = new MemoryStream();
                gz.CopyTo(buffer);
                documents.Add(JsonDocument.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length)));
            }

            return Build(release, documents.SelectMany(StructureDefinitions).ToList());
        }
        finally
        {
            foreach (var d in documents)
            {
                d.Dispose();
            }
        }
    }

    private static IEnumerable<JsonElement> StructureDefinitions(JsonDocument bundle)
    {
        if (!bundle.RootElement.TryGetProperty("entry", out var entries))
        {
            yield break;
        }

        foreach (var entry in entries.EnumerateArray())
        {
            if (entry.TryGetProperty("resource", out var r) && Str(r, "resourceType") == "StructureDefinition")
            {
                yield return r;
            }
        }
    }

    private static FhirModel Build(FhirRelease release, List<JsonElement> definitions)
    {
        var model = new FhirModel(release, release == FhirRelease.R4 ? "4.0.1" : "3.0.2");
        var types = new Dictionary<string, TypeDefinition>(StringComparer.Ordinal);
        var aliases = new Dictionary<string, string>(StringComparer.Ordinal);
        var baseUrls = new Dictionary<TypeDefinition, string>();
        var bases = new List<(JsonElement Sd, TypeDefinition Type)>();

        foreach (var sd in definitions)
        {
            var kind = Str(sd, "kind") switch
            {
                "primitive-type" => TypeKind.Primitive,
                "complex-type" => TypeKind.Complex,
                "resource" => TypeKind.Resource,
                _ => (TypeKind?)null,
            };
            var id = Str(sd, "id");
            var typeName = Str(sd, "type") ?? id;
            if (kind is null || id is null || typeName is null || Str(sd, "url") != CanonicalBase + id)
            {
                continue;
            }

            // The R4 bundle also carries the R4B (4.3.0) SubscriptionStatus; a model holds its own release only.
            if (Str(sd, "fhirVersion") is { } fhirVersion && fhirVersion != model.Version)
            {
                continue;
            }

            if (Str(sd, "derivation") == "constraint")
            {
                // SimpleQuantity, MoneyQuantity: profiles of a base type that element types may name.
                aliases[id] = typeName;
                continue;
            }

            var type = new TypeDefinition(model, typeName, kind.Value, Str(sd, "url"))
            {
                IsAbstract = sd.TryGetProperty("abstract", out var a) && a.ValueKind == JsonValueKind.True,
            };
            types[typeName] = type;
            if (Str(sd, "baseDefinition") is { } baseUrl)
            {
                baseUrls[type] = baseUrl;
            }

            bases.Add((sd, type));
        }

        foreach (var (type, baseUrl) in baseUrls)
        {
            if (baseUrl.StartsWith(CanonicalBase, StringComparison.Ordinal) && types.TryGetValue(baseUrl[CanonicalBase.Length..], out var b))
            {
                type.BaseType = b;
            }
        }

        var backbones = new Dictionary<string, TypeDefinition>(StringComparer.Ordinal);
        var all = new List<TypeDefinition>();
        var context = new BuildContext(model, types, aliases, backbones, all);
        foreach (var (sd, type) in bases)
        {
            BuildElements(context, sd, type);
        }

        foreach (var t in all)
        {
            foreach (var e in t.Elements)
            {
                if (e.ContentReference is { } target)
                {
                    var path = target[(target.IndexOf('#', StringComparison.Ordinal) + 1)..];
                    e.Types = backbones.TryGetValue(path, out var bb)
                        ? [bb]
                        : throw new InvalidDataException($"contentReference '{target}' of {e.Path} names no element.");
                }
            }
        }

        foreach (var t in all)
        {
            InheritPrimitiveKind(t);
            t.BuildPropertyIndex();
        }

        model.SetTypes(types);
        return model;
    }

    /// <summary>
    /// A primitive specialised from another primitive (positiveInt from integer, canonical from uri) takes the
    /// JSON kind and system type of its base: the R4 snapshots of the derived primitives give System.String for
    /// every one of them, which would make positiveInt a JSON string against https://hl7.org/fhir/R4/json.html#primitive.
    /// </summary>
    private static void InheritPrimitiveKind(TypeDefinition type)
    {
        if (!type.IsPrimitive)
        {
            return;
        }

        for (var b = type.BaseType; b is { IsPrimitive: true }; b = b.BaseType)
        {
            if (b.BaseType is not { IsPrimitive: true })
            {
                type.JsonKind = b.JsonKind;
                type.SystemType = b.SystemType;
            }
        }
    }

    private sealed record BuildContext(
        FhirModel Model,
        Dictionary<string, TypeDefinition> Types,
        Dictionary<string, string> Aliases,
        Dictionary<string, TypeDefinition> Backbones,
        List<TypeDefinition> All);

    private static void BuildElements(BuildContext context, JsonElement sd, TypeDefinition type)
    {
        context.All.Add(type);
        if (!sd.TryGetProperty("snapshot", out var snapshot) || !snapshot.TryGetProperty("element", out var elementArray))
        {
            throw new InvalidDataException($"StructureDefinition {type.Name} has no snapshot.");
        }

        var elements = elementArray.EnumerateArray().Where(e => !e.TryGetProperty("sliceName", out _)).ToList();
        var paths = elements.Select(e => Str(e, "path")!).ToList();
        var rootPath = paths[0];
        var children = new Dictionary<TypeDefinition, List<ElementInfo>> { [type] = [] };
        var owners = new Dictionary<string, TypeDefinition>(StringComparer.Ordinal) { [rootPath] = type };

        for (var i = 1; i < elements.Count; i++)
        {
            var el = elements[i];
            var path = paths[i];
            var dot = path.LastIndexOf('.');
            if (dot < 0 || !owners.TryGetValue(path[..dot], out var owner))
            {
                continue;
            }

            var segment = path[(dot + 1)..];
            if (type.IsPrimitive && owner == type && segment == "value")
            {
                DescribePrimitive(type, el);
                continue;
            }

            var list = children[owner];
            if (list.Any(x => x.Path == path))
            {
                continue;
            }

            var isChoice = segment.EndsWith("[x]", StringComparison.Ordinal);
            var info = new ElementInfo(owner, path, isChoice ? segment[..^3] : segment, list.Count)
            {
                IsChoice = isChoice,
                Min = el.TryGetProperty("min", out var min) ? min.GetInt32() : 0,
                Max = Str(el, "max") is { } max && max != "*" ? int.Parse(max, System.Globalization.CultureInfo.InvariantCulture) : int.MaxValue,
                IsXmlAttribute = HasRepresentation(el, "xmlAttr"),
                IsSummary = el.TryGetProperty("isSummary", out var s) && s.ValueKind == JsonValueKind.True,
                IsModifier = el.TryGetProperty("isModifier", out var m) && m.ValueKind == JsonValueKind.True,
                Short = Str(el, "short"),
            };
            list.Add(info);

            var hasChildren = i + 1 < paths.Count && paths[i + 1].StartsWith(path + ".", StringComparison.Ordinal);
            if (Str(el, "contentReference") is { } reference)
            {
                info.ContentReference = reference;
                continue;
            }

            var typeRefs = TypeRefs(el);
            info.TypeRefs = typeRefs;
            if (hasChildren)
            {
                var backbone = new TypeDefinition(context.Model, path, TypeKind.Backbone, null)
                {
                    BaseType = context.Types.GetValueOrDefault(typeRefs.FirstOrDefault()?.Code ?? "BackboneElement"),
                    ExplicitTypeName = ExtensionValue(el, ExplicitTypeNameExtension),
                };
                context.Backbones[path] = backbone;
                context.All.Add(backbone);
                children[backbone] = [];
                owners[path] = backbone;
                info.Types = [backbone];
                continue;
            }

            info.Types = ResolveTypes(context, info, typeRefs);

            // Elements typed Resource (contained, Bundle.entry.resource) or a resource type
            // (Bundle.entry.response.outcome) hold a whole resource, written with its resourceType.
            info.IsResourceContainer = info.Types.Count > 0 && info.Types.All(t => t.IsResource);
        }

        foreach (var (owner, list) in children)
        {
            owner.SetElements(list);
        }
    }

    private static List<TypeDefinition> ResolveTypes(BuildContext context, ElementInfo info, List<ElementTypeRef> typeRefs)
    {
        var result = new List<TypeDefinition>();
        foreach (var r in typeRefs)
        {
            if (r.Code == "*")
            {
                result.AddRange(context.Types.Values.Where(t => !t.IsAbstract && t.Kind is TypeKind.Primitive or TypeKind.Complex && t.Name != "Extension" && t.Name != "xhtml"));
                continue;
            }

            var name = context.Aliases.GetValueOrDefault(r.Code, r.Code);
            if (!context.Types.TryGetValue(name, out var t))
            {
                throw new InvalidDataException($"Element {info.Path} names unknown type '{r.Code}'.");
            }

            if (!result.Contains(t))
            {
                result.Add(t);
            }
        }

        return result;
    }

    private static List<ElementTypeRef> TypeRefs(JsonElement el)
    {
        var result = new List<ElementTypeRef>();
        if (!el.TryGetProperty("type", out var types))
        {
            return result;
        }

        foreach (var t in types.EnumerateArray())
        {
            var code = Str(t, "code");
            if (code is not null && code.StartsWith(SystemTypePrefix, StringComparison.Ordinal))
            {
                // R4 writes the element types of Element.id, Extension.url and Resource.id as FHIRPath system
                // types, with the FHIR type in the structuredefinition-fhir-type extension.
                code = ExtensionValue(t, FhirTypeExtension) ?? "string";
            }

            if (code is null)
            {
                continue;
            }

            result.Add(new ElementTypeRef(code, Strings(t, "profile"), Strings(t, "targetProfile")));
        }

        return result;
    }

    private static void DescribePrimitive(TypeDefinition type, JsonElement valueElement)
    {
        type.IsXhtml = HasRepresentation(valueElement, "xhtml");
        if (valueElement.TryGetProperty("maxLength", out var maxLength))
        {
            type.MaxLength = maxLength.GetInt32();
        }

        if (!valueElement.TryGetProperty("type", out var types) || types.GetArrayLength() == 0)
        {
            return;
        }

        var t = types[0];
        type.ValuePattern = ExtensionValue(t, RegexExtensionR4) ?? ExtensionValue(t, RegexExtensionStu3);
        var code = Str(t, "code");
        if (code is not null && code.StartsWith(SystemTypePrefix, StringComparison.Ordinal))
        {
            type.SystemType = code[SystemTypePrefix.Length..];
            type.JsonKind = type.SystemType switch
            {
                "Boolean" => PrimitiveJsonKind.Boolean,
                "Integer" or "Decimal" => PrimitiveJsonKind.Number,
                _ => PrimitiveJsonKind.String,
            };
            return;
        }

        // STU3 leaves the code empty and states the JSON and XML types as extensions on _code.
        if (t.TryGetProperty("_code", out var codeExtensions))
        {
            var jsonType = ExtensionValue(codeExtensions, JsonTypeExtension);
            var xmlType = ExtensionValue(codeExtensions, XmlTypeExtension) ?? string.Empty;
            type.JsonKind = jsonType switch
            {
                "boolean" => PrimitiveJsonKind.Boolean,
                "number" => PrimitiveJsonKind.Number,
                _ => PrimitiveJsonKind.String,
            };
            type.SystemType = type.JsonKind switch
            {
                PrimitiveJsonKind.Boolean => "Boolean",
                PrimitiveJsonKind.Number => xmlType.Contains("decimal", StringComparison.Ordinal) ? "Decimal" : "Integer",
                _ => "String",
            };
        }
    }

    private static bool HasRepresentation(JsonElement el, string representation) =>
        el.TryGetProperty("representation", out var r) && r.EnumerateArray().Any(x => x.GetString() == representation);

    private static string? ExtensionValue(JsonElement holder, string url)
    {
        if (!holder.TryGetProperty("extension", out var extensions))
        {
            return null;
        }

        foreach (var ext in extensions.EnumerateArray())
        {
            if (Str(ext, "url") != url)
            {
                continue;
            }

            foreach (var p in ext.EnumerateObject())
            {
                if (p.Name.StartsWith("value", StringComparison.Ordinal) && p.Value.ValueKind == JsonValueKind.String)
                {
                    return p.Value.GetString();
                }
            }
        }

        return null;
    }

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static List<string> Strings(JsonElement e, string name)
    {
        if (!e.TryGetProperty(name, out var v))
        {
            return [];
        }

        // STU3 writes profile and targetProfile as single strings, R4 as arrays.
        return v.ValueKind == JsonValueKind.Array
            ? v.EnumerateArray().Select(x => x.GetString()!).ToList()
            : v.ValueKind == JsonValueKind.String ? [v.GetString()!] : [];
    }
}
