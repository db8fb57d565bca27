using System.Text.Json;
using FhirGateway.Fhir.Definitions;
using FhirGateway.Fhir.Model;

namespace FhirGateway.Fhir.Serialization;

/// <summary>Reading one property: single or repeating, complex values and contained resources.</summary>
internal sealed partial class JsonSession
{
    /// <summary>Reads one property's value; returns whether it left primitives that may end with neither value nor extensions.</summary>
    private bool ReadProperty(ref Utf8JsonReader reader, ElementNode parent, in PropertyMatch match, bool isExtensionPart)
    {
        var element = match.Element;
        var name = match.JsonName;
        if (reader.TokenType == JsonTokenType.Null)
        {
            // https://hl7.org/fhir/R4/json.html#primitive: null only holds a place in an array; an absent element is left out.
            Error(ParseIssueCodes.NullValue, _path.Child(name), $"'{(isExtensionPart ? "_" : string.Empty)}{name}' is null; leave the property out instead.");
            return false;
        }

        // A primitive's value and '_' part are two properties that fill the same nodes, position by position.
        var slots = match.Type is { IsPrimitive: true } ? parent.RangeOf(element) : default;
        if (!element.IsRepeating)
        {
            if (reader.TokenType == JsonTokenType.StartArray)
            {
                Error(ParseIssueCodes.ArrayUnexpected, _path.Child(name), $"{element.Path} is a single element and must not be an array.");
                Skip(ref reader);
                return false;
            }

            _path.Push(name, -1);
            var placeholder = ReadItem(ref reader, parent, match, isExtensionPart, -1, slots);
            _path.Pop();
            return placeholder;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            // Read as the one item it was meant to be, so that what it holds is still checked and kept.
            Error(ParseIssueCodes.ArrayExpected, _path.Child(name), $"{element.Path} repeats and must be written as an array, even for one item.");
            _path.Push(name, 0);
            var placeholder = ReadItem(ref reader, parent, match, isExtensionPart, 0, slots);
            _path.Pop();
            return placeholder;
        }

        _path.Push(name, -1);
        if (TooDeep(reader.CurrentDepth))
        {
            _path.Pop();
            return false;
        }

        var index = 0;
        var placeholders = false;
        while (!_fatal && reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            _path.SetIndex(index);
            placeholders |= ReadItem(ref reader, parent, match, isExtensionPart, index, slots);
            index++;
        }

        _path.Pop();
        if (index == 0)
        {
            Error(ParseIssueCodes.EmptyArray, _path.Child(name), $"'{(isExtensionPart ? "_" : string.Empty)}{name}' is an empty array; leave the property out instead.");
        }
        else if (slots.Count > 0 && index != slots.Count)
        {
            var (mine, partner) = isExtensionPart ? ("_" + name, name) : (name, "_" + name);
            Error(ParseIssueCodes.ArrayLengthMismatch, _path.Child(name), $"'{mine}' has {index} items but '{partner}' has {slots.Count}; they must align item by item.");

            // Which item belongs to which is unknown: keep what has content, drop the rest without reporting each.
            DropEmptySlots(parent, element);
            placeholders = true;
        }

        return placeholders;
    }

    /// <summary>Reads one value (a whole property, or one array item); returns whether it left a primitive without a value.</summary>
    private bool ReadItem(ref Utf8JsonReader reader, ElementNode parent, in PropertyMatch match, bool isExtensionPart, int index, (int Start, int Count) slots)
    {
        var element = match.Element;
        if (element.IsResourceContainer)
        {
            ReadContainedResource(ref reader, parent, element);
            return false;
        }

        var type = match.Type!;
        if (type.IsPrimitive)
        {
            return ReadPrimitive(ref reader, parent, match, isExtensionPart, index, slots);
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            ReportNotObject(reader.TokenType, element, type.Kind == TypeKind.Backbone ? "an element" : "a " + type.Name);
            Skip(ref reader);
            return false;
        }

        var child = ElementNode.ForMatch(match);
        var members = ReadObject(ref reader, child, isResource: false);
        if (child.ChildCount > 0)
        {
            parent.Append(child);
        }
        else if (members == 0)
        {
            // An object whose members were all left out for errors already reported is dropped quietly.
            Error(ParseIssueCodes.EmptyElement, _path.ToString(), $"{element.Path} is an empty object; leave it out instead.");
        }

        return false;
    }

    private void ReadContainedResource(ref Utf8JsonReader reader, ElementNode parent, ElementInfo element)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            ReportNotObject(reader.TokenType, element, "a resource");
            Skip(ref reader);
            return;
        }

        var type = ResourceTypeOf(reader, isRoot: false);
        if (type is not null && !CanHold(element, type))
        {
            Error(ParseIssueCodes.WrongJsonType, _path.ToString(), $"{element.Path} must hold a {string.Join(" or ", element.Types)}, not a {type.Name}.");
            type = null;
        }

        if (type is null)
        {
            Skip(ref reader);
            return;
        }

        var resource = new ElementNode(type, element);
        ReadObject(ref reader, resource, isResource: true);
        parent.Append(resource);
    }

    private static bool CanHold(ElementInfo element, TypeDefinition type)
    {
        // Indexed: a foreach over the IReadOnlyList would allocate an enumerator per contained resource.
        var types = element.Types;
        for (var i = 0; i < types.Count; i++)
        {
            if (types[i].IsAssignableFrom(type))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Reports an array item (a single value's null is caught earlier) that should have been an object.</summary>
    private void ReportNotObject(JsonTokenType token, ElementInfo element, string what)
    {
        if (token == JsonTokenType.Null)
        {
            Error(ParseIssueCodes.NullValue, _path.ToString(), $"An item of {element.Path} is null; only primitive arrays may hold null.");
        }
        else
        {
            Error(ParseIssueCodes.WrongJsonType, _path.ToString(), $"{element.Path} must be a JSON object holding {what}, not {Describe(token)}.");
        }
    }
}
