using System.Text.Json.Nodes;

namespace FhirGateway.Validation.Definitions;

/// <summary>
/// Generates a snapshot from a differential by walking the base snapshot and merging each differential element into
/// it (https://hl7.org/fhir/R4/profiling.html#snapshot). Elements the base leaves to their type (the children of a
/// HumanName, say) are expanded from the type's definition, or from the type's profile when the element names one,
/// when the differential constrains them; slices are copied from the element they slice, with its children.
/// Enough for profiles on core types and on other profiles whose differentials refer to elements by id; choice
/// elements are constrained through <c>value[x]</c> (a differential naming <c>valueQuantity</c> is not supported).
/// </summary>
internal static class SnapshotGenerator
{
    /// <summary>Generates the snapshot elements of <paramref name="sd"/>.</summary>
    /// <param name="sd">The StructureDefinition, with a differential and a baseDefinition.</param>
    /// <param name="baseSnapshot">Returns a copy of the snapshot elements of a StructureDefinition by URL, or null.</param>
    /// <exception cref="InvalidDataException">The differential names an element the base does not have, or the base is unknown.</exception>
    public static JsonArray Generate(JsonObject sd, Func<string, JsonArray?> baseSnapshot)
    {
        var url = sd.Str("url") ?? "(no url)";
        var baseUrl = sd.Str("baseDefinition") ?? throw new InvalidDataException($"{url} has neither a snapshot nor a baseDefinition.");
        var baseElements = baseSnapshot(baseUrl) ?? throw new InvalidDataException($"{url}: the base definition {baseUrl} is not known.");
        var elements = Detach(baseElements);
        var context = new Context(url, elements, baseSnapshot);

        foreach (var node in sd["differential"]?["element"] as JsonArray ?? [])
        {
            if (node is not JsonObject diff || diff.Str("path") is not { } path)
            {
                continue;
            }

            var id = diff.Str("id") ?? (diff.Str("sliceName") is { } slice ? path + ":" + slice : path);
            var index = context.IndexOf(id);
            if (index < 0)
            {
                index = context.Materialise(id);
            }

            Merge(elements[index], diff, url);
        }

        return new JsonArray([.. elements]);
    }

    private static List<JsonObject> Detach(JsonArray array)
    {
        var list = new List<JsonObject>(array.Count);
        foreach (var item in array)
        {
            list.Add(item!.DeepClone().AsObject());
        }

        return list;
    }

    /// <summary>Merges one differential element into its snapshot element.</summary>
    private static void Merge(JsonObject target, JsonObject diff, string url)
    {
        foreach (var (key, value) in diff)
        {
            switch (key)
            {
                case "id" or "path" or "mapping":
                    continue;
                case "constraint":
                    MergeConstraints(target, value, url);
                    continue;
                case "condition":
                    if (target["condition"] is not JsonArray conditions)
                    {
                        conditions = [];
                        target["condition"] = conditions;
                    }

                    foreach (var c in value as JsonArray ?? [])
                    {
                        conditions.Add(c?.DeepClone());
                    }

                    continue;
            }

            if (key.StartsWith("fixed", StringComparison.Ordinal) || key.StartsWith("pattern", StringComparison.Ordinal) ||
                key.StartsWith("_fixed", StringComparison.Ordinal) || key.StartsWith("_pattern", StringComparison.Ordinal))
            {
                // A profile's fixed or pattern value replaces any the base had.
                foreach (var existing in target.Select(p => p.Key).Where(k => k.StartsWith("fixed", StringComparison.Ordinal) || k.StartsWith("pattern", StringComparison.Ordinal)).ToList())
                {
                    target.Remove(existing);
                }
            }

            target[key] = value?.DeepClone();
        }
    }

    private static void MergeConstraints(JsonObject target, JsonNode? added, string url)
    {
        var list = target["constraint"] as JsonArray;
        if (list is null)
        {
            list = [];
            target["constraint"] = list;
        }

        foreach (var c in added as JsonArray ?? [])
        {
            if (c is not JsonObject constraint)
            {
                continue;
            }

            var copy = constraint.DeepClone().AsObject();
            copy["source"] ??= url;
            var key = copy.Str("key");
            for (var i = list.Count - 1; i >= 0; i--)
            {
                if (list[i].Str("key") == key)
                {
                    list.RemoveAt(i);
                }
            }

            list.Add(copy);
        }
    }

    private sealed class Context(string url, List<JsonObject> elements, Func<string, JsonArray?> baseSnapshot)
    {
        public int IndexOf(string id)
        {
            for (var i = 0; i < elements.Count; i++)
            {
                if (elements[i].Str("id") == id)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>Adds the element <paramref name="id"/> (a slice, or a child left to its type) and returns its index.</summary>
        public int Materialise(string id)
        {
            var dot = StructureDefCompiler.LastDot(id);
            if (dot < 0)
            {
                throw new InvalidDataException($"{url}: the differential element '{id}' is not in the base definition.");
            }

            var parentId = id[..dot];
            var last = id[(dot + 1)..];
            var colon = last.IndexOf(':', StringComparison.Ordinal);
            return colon >= 0 ? AddSlice(id, parentId, last, colon) : AddChild(id, parentId);
        }

        private int AddSlice(string id, string parentId, string last, int colon)
        {
            var slash = last.LastIndexOf('/');
            var slicedId = parentId + "." + (slash > colon ? last[..slash] : last[..colon]);
            var sliceName = slash > colon ? last[(slash + 1)..] : last[(colon + 1)..];
            var slicedIndex = IndexOf(slicedId);
            if (slicedIndex < 0)
            {
                slicedIndex = Materialise(slicedId);
            }

            var end = slicedIndex + 1;
            while (end < elements.Count && elements[end].Str("id") is { } next &&
                   (next.StartsWith(slicedId + ".", StringComparison.Ordinal) || next.StartsWith(slicedId + ":", StringComparison.Ordinal)))
            {
                end++;
            }

            var copies = new List<JsonObject>();
            var slice = elements[slicedIndex].DeepClone().AsObject();
            slice["id"] = id;
            slice["sliceName"] = sliceName;
            slice.Remove("slicing");
            copies.Add(slice);
            for (var i = slicedIndex + 1; i < end; i++)
            {
                var childId = elements[i].Str("id")!;
                if (childId.StartsWith(slicedId + ".", StringComparison.Ordinal))
                {
                    var child = elements[i].DeepClone().AsObject();
                    child["id"] = id + childId[slicedId.Length..];
                    copies.Add(child);
                }
            }

            elements.InsertRange(end, copies);
            return end;
        }

        private int AddChild(string id, string parentId)
        {
            var parentIndex = IndexOf(parentId);
            if (parentIndex < 0)
            {
                parentIndex = Materialise(parentId);
            }

            for (var i = parentIndex + 1; i < elements.Count; i++)
            {
                var other = elements[i].Str("id")!;
                if (other.StartsWith(parentId + ".", StringComparison.Ordinal))
                {
                    // The parent's children are already in the snapshot, and this is not one of them.
                    throw new InvalidDataException($"{url}: the differential element '{id}' is not an element of '{parentId}'.");
                }

                if (!other.StartsWith(parentId + ":", StringComparison.Ordinal))
                {
                    break;
                }
            }

            var parent = elements[parentIndex];
            var children = TypeChildren(parent, parentId);
            elements.InsertRange(parentIndex + 1, children);
            var index = IndexOf(id);
            return index >= 0 ? index : throw new InvalidDataException($"{url}: the differential element '{id}' is not an element of '{parentId}'.");
        }

        /// <summary>The children of an element as its type (or the type's profile, or the content reference) defines them, re-rooted at the element.</summary>
        private List<JsonObject> TypeChildren(JsonObject parent, string parentId)
        {
            var parentPath = parent.Str("path")!;
            if (parent.Str("contentReference") is { } reference)
            {
                var targetId = reference[(reference.IndexOf('#', StringComparison.Ordinal) + 1)..];
                return Rebase(elements.Where(e => e.Str("id")!.StartsWith(targetId + ".", StringComparison.Ordinal)), targetId, targetId, parentId, parentPath);
            }

            var types = parent.Items("type").ToList();
            if (types.Count != 1 || types[0].Str("code") is not { } code)
            {
                throw new InvalidDataException($"{url}: '{parentId}' must be constrained to a single type before its children can be.");
            }

            JsonArray? source = null;
            foreach (var profile in types[0].Strings("profile"))
            {
                source = baseSnapshot(profile);
                if (source is not null)
                {
                    break;
                }
            }

            source ??= baseSnapshot(ConformanceResources.CoreBase + code) ?? throw new InvalidDataException($"{url}: the type '{code}' of '{parentId}' is not known.");
            var typeElements = Detach(source);
            var rootId = typeElements[0].Str("id") ?? typeElements[0].Str("path")!;
            var rootPath = typeElements[0].Str("path")!;
            return Rebase(typeElements.Skip(1), rootId, rootPath, parentId, parentPath);
        }

        private static List<JsonObject> Rebase(IEnumerable<JsonObject> source, string fromId, string fromPath, string toId, string toPath)
        {
            var result = new List<JsonObject>();
            foreach (var e in source)
            {
                var copy = e.DeepClone().AsObject();
                var id = copy.Str("id") ?? copy.Str("path")!;
                var path = copy.Str("path")!;
                copy["id"] = toId + id[fromId.Length..];
                copy["path"] = toPath + path[fromPath.Length..];
                result.Add(copy);
            }

            return result;
        }
    }
}
