using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Json;
using FhirGateway.Fhir.Definitions;
using FhirGateway.Fhir.Model;

namespace FhirGateway.Fhir.Serialization;

/// <summary>
/// Reading primitives (https://hl7.org/fhir/R4/json.html#primitive): the value in <c>name</c>, its id and
/// extensions in <c>_name</c>, and for lists two arrays aligned item by item with null holding places.
/// </summary>
internal sealed partial class JsonSession
{
    // ElementNode.ReadFlags: a part of this primitive was left out for an error already reported, so if it ends
    // with neither value nor extensions it is dropped without a second issue.
    private const byte Dropped = 1;

    private bool ReadPrimitive(ref Utf8JsonReader reader, ElementNode parent, in PropertyMatch match, bool isExtensionPart, int index, (int Start, int Count) slots)
    {
        var element = match.Element;
        var type = match.Type!;
        var token = reader.TokenType;
        string? value = null;
        var ok = true;
        if (token == JsonTokenType.Null)
        {
            // Only reached for array items: ReadProperty reports a null single value.
        }
        else if (isExtensionPart)
        {
            if (token != JsonTokenType.StartObject)
            {
                Error(ParseIssueCodes.WrongJsonType, _path.ToString(), $"'_{element.SerializedName(type)}' must hold an object with id and extension, not {Describe(token)}.");
                Skip(ref reader);
                ok = false;
            }
        }
        else
        {
            ok = TryReadPrimitiveValue(ref reader, element, type, out value);
        }

        if (!ok && index < 0)
        {
            return false;
        }

        // Array items take their position even when left out, so that the value and '_' arrays stay aligned.
        var position = Math.Max(index, 0);
        var node = position < slots.Count ? parent[slots.Start + position] : NewSlot(parent, match);
        if (!ok)
        {
            node.ReadFlags |= Dropped;
        }
        else if (token == JsonTokenType.Null)
        {
            // A place holder: the partner array may give this item its value or extensions.
        }
        else if (isExtensionPart)
        {
            var members = ReadObject(ref reader, node, isResource: false);
            if (node.ChildCount == 0)
            {
                if (members == 0)
                {
                    Error(ParseIssueCodes.EmptyElement, _path.ToString(), $"'_{element.SerializedName(type)}' holds an empty object; use null in an array, or leave it out.");
                }

                node.ReadFlags |= Dropped;
            }
        }
        else
        {
            node.Value = value;
        }

        return node.Value is null;
    }

    private static ElementNode NewSlot(ElementNode parent, in PropertyMatch match)
    {
        var node = ElementNode.ForMatch(match);
        parent.Append(node);
        return node;
    }

    private static void DropEmptySlots(ElementNode parent, ElementInfo element)
    {
        foreach (var child in parent.Children)
        {
            if (ReferenceEquals(child.Definition, element))
            {
                child.ReadFlags |= Dropped;
            }
        }
    }

    /// <summary>Drops primitives that ended with neither value nor extensions, reporting those not already reported.</summary>
    private void RemoveEmptyPrimitives(ElementNode node)
    {
        ElementInfo? element = null;
        var index = 0;
        var any = false;
        foreach (var child in node.Children)
        {
            if (!ReferenceEquals(child.Definition, element))
            {
                index = 0;
            }

            element = child.Definition!;

            if (IsEmptyPrimitive(child))
            {
                any = true;
                if ((child.ReadFlags & Dropped) == 0)
                {
                    var name = child.SerializedName;
                    Error(ParseIssueCodes.NullValue, _path.Child(name, element.IsRepeating ? index : -1), $"'{name}[{index}]' is null and '_{name}[{index}]' gives it no id or extensions; null only holds a place for the other array's content.");
                }
            }

            index++;
        }

        if (any)
        {
            node.RemoveWhere(IsEmptyPrimitive);
        }
    }

    private static bool IsEmptyPrimitive(ElementNode node) => node.Type.IsPrimitive && node.Value is null && node.ChildCount == 0;

    private bool TryReadPrimitiveValue(ref Utf8JsonReader reader, ElementInfo element, TypeDefinition type, out string? value)
    {
        value = null;
        var token = reader.TokenType;
        var expected = type.JsonKind switch
        {
            PrimitiveJsonKind.Boolean => token is JsonTokenType.True or JsonTokenType.False,
            PrimitiveJsonKind.Number => token == JsonTokenType.Number,
            _ => token == JsonTokenType.String,
        };
        if (!expected)
        {
            var want = type.JsonKind switch
            {
                PrimitiveJsonKind.Boolean => "true or false",
                PrimitiveJsonKind.Number => "a JSON number",
                _ => "a JSON string",
            };
            Error(ParseIssueCodes.WrongJsonType, _path.ToString(), $"{element.Path} is a {type.Name} and must be {want}, not {Describe(token)}.");
            Skip(ref reader);
            return false;
        }

        switch (token)
        {
            case JsonTokenType.True:
                value = "true";
                return true;
            case JsonTokenType.False:
                value = "false";
                return true;
            case JsonTokenType.Number:
                // The reader reads from one span, so ValueSpan holds the whole token (no ValueSequence).
                if (reader.ValueSpan.Length > options.MaxStringLength)
                {
                    return StringTooLong();
                }

                // Kept exactly as written: 1.50 stays 1.50 (https://hl7.org/fhir/R4/json.html#primitive). JSON
                // numbers are plain ASCII.
                if (reader.ValueSpan.Length <= RepeatedValues.MaxLength)
                {
                    return TryReadShortValue(reader.ValueSpan, element, type, out value);
                }

                value = Encoding.UTF8.GetString(reader.ValueSpan);
                break;
            default:
                var raw = reader.ValueSpan;
                if (!reader.ValueIsEscaped && !reader.HasValueSequence && raw.Length <= RepeatedValues.MaxLength &&
                    raw.Length <= options.MaxStringLength && Ascii.IsValid(raw))
                {
                    return TryReadShortValue(raw, element, type, out value);
                }

                if (!TryReadString(ref reader, out value))
                {
                    return false;
                }

                break;
        }

        return CheckValue(type, element, value);
    }

    /// <summary>
    /// Reads a short value written as plain ASCII without escapes, sharing the string of an earlier occurrence in
    /// the document (<see cref="RepeatedValues"/>) and skipping the check when that occurrence passed it as the same type.
    /// </summary>
    private bool TryReadShortValue(ReadOnlySpan<byte> ascii, ElementInfo element, TypeDefinition type, out string? value)
    {
        ref var entry = ref _values.Find(ascii, out var key);
        if (RepeatedValues.Holds(entry, key, ascii))
        {
            value = entry.Value;
            if (ReferenceEquals(entry.CheckedAs, type))
            {
                return true;
            }
        }
        else
        {
            value = Encoding.ASCII.GetString(ascii);
            RepeatedValues.Store(ref entry, key, value);
        }

        if (!CheckValue(type, element, value!))
        {
            return false;
        }

        entry.CheckedAs = type;
        return true;
    }

    private bool TryReadString(ref Utf8JsonReader reader, [NotNullWhen(true)] out string? value)
    {
        value = null;
        var raw = reader.ValueSpan;

        // A character takes one byte at least and six (\uXXXX) at most; decoding is needed only between the two,
        // and unescaped text can be counted without building the string.
        if (raw.Length > options.MaxStringLength &&
            (reader.ValueIsEscaped ? raw.Length > 6L * options.MaxStringLength : Encoding.UTF8.GetCharCount(raw) > options.MaxStringLength))
        {
            return StringTooLong();
        }

        try
        {
            value = reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            Error(ParseIssueCodes.InvalidUtf8, _path.ToString(), "The value is not valid UTF-8, or escapes a lone surrogate.");
            return false;
        }

        if (value.Length > options.MaxStringLength)
        {
            value = null;
            return StringTooLong();
        }

        // https://hl7.org/fhir/R4/datatypes.html#string: strings SHOULD NOT hold characters below U+0020 other than
        // tab, CR and LF. XML 1.0 cannot hold them at all (https://www.w3.org/TR/xml/#charsets), and a resource taken in
        // as JSON must be served as XML too, so they are refused here rather than break every XML answer later. Plain
        // ASCII without escapes cannot hold them (JSON itself forbids raw control characters), so only this path looks.
        if (options.RefuseNonXmlCharacters && value.AsSpan().IndexOfAny(NotXmlCharacters) is var at and >= 0)
        {
            Error(ParseIssueCodes.InvalidCharacter, _path.ToString(), $"The value holds the character U+{(int)value[at]:X4}, which FHIR strings should not and XML cannot carry.");
            value = null;
            return false;
        }

        return true;
    }

    /// <summary>The characters XML 1.0's Char production leaves out (surrogates aside, which decoding has paired).</summary>
    private static readonly SearchValues<char> NotXmlCharacters = SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000B\u000C\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F\uFFFE\uFFFF");

    private bool StringTooLong()
    {
        Error(ParseIssueCodes.StringTooLong, _path.ToString(), $"The value is longer than the limit of {options.MaxStringLength} characters.");
        return false;
    }

    private bool CheckValue(TypeDefinition type, ElementInfo element, string value)
    {
        if (type.IsXhtml)
        {
            if (options.ValidateXhtml && Xhtml.Check(value) is { } problem)
            {
                Error(ParseIssueCodes.InvalidXhtml, _path.ToString(), problem);
                return false;
            }

            return true;
        }

        if (!options.ValidatePrimitiveValues)
        {
            return true;
        }

        if (!type.IsValidValue(value))
        {
            Error(ParseIssueCodes.InvalidValue, _path.ToString(), $"'{Shorten(value)}' is not a valid {type.Name} for {element.Path}.");
            return false;
        }

        // https://hl7.org/fhir/R4/datatypes.html#integer: integers are 32-bit, which the regular expression cannot say.
        if (type.SystemType == "Integer" && !int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
        {
            Error(ParseIssueCodes.InvalidValue, _path.ToString(), $"'{Shorten(value)}' is outside the 32-bit range of {type.Name} for {element.Path}.");
            return false;
        }

        return true;
    }
}
