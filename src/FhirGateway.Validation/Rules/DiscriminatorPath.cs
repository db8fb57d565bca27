using FhirGateway.Fhir.Model;
using FhirGateway.Validation.Definitions;
using FhirGateway.Validation.Walking;

namespace FhirGateway.Validation.Rules;

/// <summary>
/// The restricted FHIRPath of slicing discriminators (https://hl7.org/fhir/R4/profiling.html#discriminator): element
/// names, <c>$this</c>, <c>extension('url')</c>, <c>resolve()</c> and <c>ofType(T)</c>, followed both in an instance
/// (what an item has there) and in a slice's definition (what the slice requires there).
/// </summary>
internal static class DiscriminatorPath
{
    /// <summary>What a slice requires at a path: a fixed or pattern value, a literal (an extension's URL), and the element definition reached.</summary>
    internal readonly record struct Requirement(ElementNode? Value, bool Exact, string? Literal, ElementDef? Definition, bool ThroughReference);

    /// <summary>The instance nodes at the path.</summary>
    public static List<ElementNode> Select(ElementNode item, string path, ResourceFrame frame)
    {
        var current = new List<ElementNode> { item };
        foreach (var segment in Segments(path))
        {
            if (segment == "$this")
            {
                continue;
            }

            var next = new List<ElementNode>();
            foreach (var node in current)
            {
                if (segment == "resolve()")
                {
                    if (Resolve(node, frame) is { } target)
                    {
                        next.Add(target);
                    }
                }
                else if (Argument(segment, "extension") is { } url)
                {
                    foreach (var child in node.Children)
                    {
                        if (child.Name == "extension" && child.Child("url")?.Value == url)
                        {
                            next.Add(child);
                        }
                    }
                }
                else if ((Argument(segment, "ofType") ?? Argument(segment, "as")) is { } type)
                {
                    if (node.Type.Name == type)
                    {
                        next.Add(node);
                    }
                }
                else
                {
                    foreach (var child in node.Children)
                    {
                        if (child.Name == segment)
                        {
                            next.Add(child);
                        }
                    }
                }
            }

            current = next;
        }

        return current;
    }

    /// <summary>What the slice requires at the path.</summary>
    public static Requirement Expected(ValidationRun run, ElementDef slice, string path)
    {
        ElementDef current = slice;
        ElementDef? previous = null;
        ElementNode? value = slice.Fixed ?? slice.Pattern;
        var exact = slice.Fixed is not null;
        var segments = Segments(path);
        for (var i = 0; i < segments.Count; i++)
        {
            var segment = segments[i];
            if (segment == "$this" || Argument(segment, "ofType") is not null || Argument(segment, "as") is not null)
            {
                continue;
            }

            if (value is not null)
            {
                value = Argument(segment, "extension") is { } u
                    ? value.ChildrenNamed("extension").FirstOrDefault(e => e.Child("url")?.Value == u)
                    : value.Child(segment);
                if (value is null)
                {
                    return default;
                }

                continue;
            }

            if (segment == "resolve()")
            {
                return new Requirement(null, false, null, current, ThroughReference: true);
            }

            ElementDef? next;
            if (Argument(segment, "extension") is { } url)
            {
                next = ChildDefinitions(run, current).Find(c => c.Name == "extension")?.Slices.Find(s => SliceUrl(run, s) == url);
            }
            else
            {
                next = ChildDefinitions(run, current).Find(c => c.Name == segment);
            }

            if (next is null)
            {
                return default;
            }

            previous = current;
            current = next;
            if (current.Fixed is not null || current.Pattern is not null)
            {
                value = current.Fixed ?? current.Pattern;
                exact = current.Fixed is not null;
            }
        }

        if (value is not null)
        {
            return new Requirement(value, exact, null, current, false);
        }

        // An extension slice that only names its definition: the url it requires is that definition's URL.
        string? literal = null;
        if (segments.Count > 0 && segments[^1] == "url" && previous is { Types: [{ Code: "Extension", Profiles: [var profile, ..] }, ..] })
        {
            literal = profile;
        }

        return new Requirement(null, false, literal, current, false);
    }

    /// <summary>The type names a slice requires at the path (the target types when the path ends in resolve()).</summary>
    public static List<string> TypesAt(ValidationRun run, ElementDef slice, string path)
    {
        var at = Expected(run, slice, path);
        if (at.Definition is not { } def)
        {
            return [];
        }

        if (!at.ThroughReference)
        {
            return [.. def.Types.Select(t => t.Code)];
        }

        var result = new List<string>();
        foreach (var url in def.Types.SelectMany(t => t.TargetProfiles))
        {
            if (run.Resources.GetStructure(url) is { } sd)
            {
                result.Add(sd.Type);
            }
        }

        return result;
    }

    /// <summary>The profiles a slice requires at the path.</summary>
    public static List<string> ProfilesAt(ValidationRun run, ElementDef slice, string path)
    {
        var at = Expected(run, slice, path);
        if (at.Definition is not { } def)
        {
            return [];
        }

        return [.. def.Types.SelectMany(t => at.ThroughReference ? t.TargetProfiles : t.Profiles)];
    }

    /// <summary>The children a definition gives an element: its own, its type's profile's, or its type's.</summary>
    private static List<ElementDef> ChildDefinitions(ValidationRun run, ElementDef def)
    {
        if (def.EffectiveChildren.Count > 0)
        {
            return def.EffectiveChildren;
        }

        if (def.Types.Length == 0)
        {
            return [];
        }

        foreach (var profile in def.Types[0].Profiles)
        {
            if (run.Resources.GetStructure(profile) is { } sd)
            {
                return sd.Root.Children;
            }
        }

        return run.Resources.GetTypeStructure(def.Types[0].Code)?.Root.Children ?? [];
    }

    private static string? SliceUrl(ValidationRun run, ElementDef slice)
    {
        if (slice.Types is [{ Profiles: [var profile, ..] }, ..])
        {
            return profile;
        }

        return ChildDefinitions(run, slice).Find(c => c.Name == "url")?.Fixed?.Value;
    }

    private static ElementNode? Resolve(ElementNode reference, ResourceFrame frame)
    {
        var value = reference.Child("reference")?.Value;
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (value[0] == '#')
        {
            var id = value.AsSpan(1);
            foreach (var child in frame.ContainerResource.Children)
            {
                if (child.Name == "contained" && id.SequenceEqual(child.Child("id")?.Value))
                {
                    return child;
                }
            }

            return null;
        }

        return frame.Bundle?.Resolve(value, frame.Entry);
    }

    /// <summary>The argument of a call such as <c>extension('http://x')</c> or <c>ofType(Quantity)</c>, or null.</summary>
    private static string? Argument(string segment, string function)
    {
        if (!segment.StartsWith(function + "(", StringComparison.Ordinal) || !segment.EndsWith(')'))
        {
            return null;
        }

        var inner = segment[(function.Length + 1)..^1].Trim();
        return inner.Length >= 2 && inner[0] == '\'' && inner[^1] == '\'' ? inner[1..^1] : inner;
    }

    /// <summary>Splits a path at the dots that are not inside quotes or parentheses.</summary>
    private static List<string> Segments(string path)
    {
        var result = new List<string>();
        var depth = 0;
        var quoted = false;
        var start = 0;
        for (var i = 0; i < path.Length; i++)
        {
            var c = path[i];
            if (c == '\'')
            {
                quoted = !quoted;
            }
            else if (!quoted && c == '(')
            {
                depth++;
            }
            else if (!quoted && c == ')')
            {
                depth--;
            }
            else if (!quoted && depth == 0 && c == '.')
            {
                result.Add(path[start..i].Trim());
                start = i + 1;
            }
        }

        result.Add(path[start..].Trim());
        return result;
    }
}
