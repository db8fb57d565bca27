using System.Buffers;
using System.Text;
using System.Text.Json;
using FhirGateway.Fhir.Definitions;
using FhirGateway.Fhir.Model;

namespace FhirGateway.Fhir.Serialization;

/// <summary>
/// Reads FHIR JSON (https://hl7.org/fhir/R4/json.html) into an <see cref="ElementNode"/> tree, driven by the
/// release's definitions. It reports every problem it finds instead of stopping at the first, never throws on
/// bad input, and enforces the limits in <see cref="FhirReaderOptions"/>.
/// </summary>
public static class FhirJsonReader
{
    /// <summary>Reads a resource from UTF-8 JSON.</summary>
    public static ParseResult Parse(ReadOnlySpan<byte> utf8Json, FhirModel? model = null, FhirReaderOptions? options = null)
    {
        options ??= FhirReaderOptions.Default;
        model ??= FhirModel.R4;
        if (utf8Json.Length > options.MaxDocumentBytes)
        {
            return new ParseResult(null, [TooLarge(options)]);
        }

        return new JsonSession(model, options).ParseDocument(utf8Json);
    }

    /// <summary>Reads a resource from a JSON string.</summary>
    public static ParseResult Parse(string json, FhirModel? model = null, FhirReaderOptions? options = null) =>
        Parse(Encoding.UTF8.GetBytes(json), model, options);

    /// <summary>Reads a resource from a stream, stopping at the size limit without reading further.</summary>
    public static async Task<ParseResult> ParseAsync(Stream stream, FhirModel? model = null, FhirReaderOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= FhirReaderOptions.Default;
        var bytes = await StreamInput.ReadLimitedAsync(stream, options.MaxDocumentBytes, cancellationToken).ConfigureAwait(false);
        return bytes is null ? new ParseResult(null, [TooLarge(options)]) : Parse(bytes.Value.Span, model, options);
    }

    internal static ParseIssue TooLarge(FhirReaderOptions options) =>
        new(IssueSeverity.Fatal, ParseIssueCodes.TooLarge, string.Empty, $"The document is larger than the limit of {options.MaxDocumentBytes} bytes.");
}

/// <summary>The state of one JSON read: model, limits, issues found and the current path.</summary>
internal sealed class JsonSession(FhirModel model, FhirReaderOptions options)
{
    private const byte ValuePart = 1;
    private const byte ExtensionPart = 2;

    private readonly List<ParseIssue> _issues = [];
    private readonly IssuePath _path = new();

    // Property names are decoded here; each is used before the reader moves on, so one buffer serves the whole read.
    private readonly char[] _nameBuffer = new char[64];
    private bool _fatal;

    public ParseResult ParseDocument(ReadOnlySpan<byte> utf8)
    {
        // A UTF-8 byte order mark is tolerated (RFC 8259 section 8.1 allows parsers to ignore it).
        if (utf8.StartsWith("\uFEFF"u8))
        {
            utf8 = utf8[3..];
        }

        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = options.MaxDepth + 1, CommentHandling = JsonCommentHandling.Disallow });
        ElementNode? root = null;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                Fatal(ParseIssueCodes.NotAResource, "A FHIR JSON document must be an object with a resourceType.");
                return Result(null);
            }

            var type = ResourceTypeOf(reader, string.Empty);
            if (type is null)
            {
                _fatal = true;
                return Result(null);
            }

            root = new ElementNode(type);
            _path.Push(type.Name, -1);
            ReadObject(ref reader, root, isResource: true);
            _path.Pop();
            if (!_fatal && reader.Read())
            {
                Fatal(ParseIssueCodes.JsonSyntax, "Unexpected content after the end of the resource.");
            }
        }
        catch (JsonException e)
        {
            var message = e.Message;
            var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            _issues.Add(new ParseIssue(IssueSeverity.Fatal, ParseIssueCodes.JsonSyntax, _path.ToString(), "The JSON is not well-formed: " + (cut > 0 ? message[..cut] : message))
            {
                Line = e.LineNumber + 1,
                Column = e.BytePositionInLine + 1,
            });
            _fatal = true;
        }
        catch (InvalidOperationException e) when (e.InnerException is DecoderFallbackException || e.Message.Contains("UTF-8", StringComparison.OrdinalIgnoreCase))
        {
            Fatal(ParseIssueCodes.InvalidUtf8, "The document is not valid UTF-8.");
        }

        return Result(_fatal ? null : root);
    }

    private ParseResult Result(ElementNode? root) => new(root, _issues);

    /// <summary>Finds resourceType in the object starting at <paramref name="reader"/> (a copy: the caller's position is kept).</summary>
    private TypeDefinition? ResourceTypeOf(Utf8JsonReader reader, string location)
    {
        var depth = reader.CurrentDepth;
        while (reader.Read() && reader.CurrentDepth > depth)
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == depth + 1)
            {
                if (reader.ValueTextEquals("resourceType"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.String)
                    {
                        Error(ParseIssueCodes.WrongJsonType, Loc(location, "resourceType"), "resourceType must be a string.");
                        return null;
                    }

                    var name = reader.GetString()!;
                    if (model.TryGetResourceType(name, out var type))
                    {
                        return type;
                    }

                    Error(ParseIssueCodes.UnknownResourceType, Loc(location, "resourceType"), $"'{name}' is not a FHIR {model.Version} resource type.");
                    return null;
                }

                reader.Read();
                reader.Skip();
            }
        }

        Error(ParseIssueCodes.MissingResourceType, location, "The resource has no resourceType.");
        return null;
    }

    private static string Loc(string location, string name) => location.Length == 0 ? name : location + "." + name;

    /// <summary>Reads the properties of the object at the reader into <paramref name="node"/>.</summary>
    private void ReadObject(ref Utf8JsonReader reader, ElementNode node, bool isResource)
    {
        if (reader.CurrentDepth >= options.MaxDepth)
        {
            Fatal(ParseIssueCodes.TooDeep, $"The document nests deeper than the limit of {options.MaxDepth} levels.");
            return;
        }

        var type = node.Type;
        var seenResourceType = false;
        var hadPlaceholders = false;
        while (!_fatal && reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = PropertyName(ref reader, _nameBuffer);
            if (isResource && name.SequenceEqual("resourceType"))
            {
                reader.Read();
                if (seenResourceType)
                {
                    Error(ParseIssueCodes.DuplicateProperty, _path.Child("resourceType"), "resourceType appears more than once.");
                }

                seenResourceType = true;
                reader.Skip();
                continue;
            }

            var isExtensionPart = name.Length > 1 && name[0] == '_';
            var lookup = isExtensionPart ? name[1..] : name;
            if (!type.TryGetProperty(lookup, out var match) || (isExtensionPart && match.Type is not { IsPrimitive: true }) ||
                (match.Type is { IsXhtml: true } && isExtensionPart))
            {
                var unknown = name.ToString();
                if (unknown == "fhir_comments")
                {
                    Error(ParseIssueCodes.FhirComments, _path.Child(unknown), "fhir_comments is not accepted; comments cannot be carried in FHIR JSON.");
                }
                else
                {
                    Error(ParseIssueCodes.UnknownElement, _path.Child(unknown), $"'{unknown}' is not an element of {DescribeType(type)}.");
                }

                reader.Read();
                reader.Skip();
                continue;
            }

            reader.Read();
            hadPlaceholders |= ReadProperty(ref reader, node, match, isExtensionPart);
        }

        if (hadPlaceholders)
        {
            RemoveEmptyPrimitives(node);
        }
    }

    private static string DescribeType(TypeDefinition type) => type.Kind == TypeKind.Backbone ? type.Name : $"{type.Name}";

    private static ReadOnlySpan<char> PropertyName(ref Utf8JsonReader reader, char[] buffer)
    {
        var raw = reader.ValueSpan;
        if (!reader.ValueIsEscaped && !reader.HasValueSequence && raw.Length <= buffer.Length)
        {
            var ascii = true;
            for (var i = 0; i < raw.Length; i++)
            {
                var b = raw[i];
                if (b >= 0x80)
                {
                    ascii = false;
                    break;
                }

                buffer[i] = (char)b;
            }

            if (ascii)
            {
                return buffer.AsSpan(0, raw.Length);
            }
        }

        return reader.GetString().AsSpan();
    }

    /// <summary>Reads one property's value; returns whether placeholders (nulls in primitive arrays) were created.</summary>
    private bool ReadProperty(ref Utf8JsonReader reader, ElementNode parent, PropertyMatch match, bool isExtensionPart)
    {
        var element = match.Element;
        var serialized = isExtensionPart ? "_" + NameOf(match) : NameOf(match);
        if (!element.IsRepeating)
        {
            if (reader.TokenType == JsonTokenType.StartArray)
            {
                Error(ParseIssueCodes.ArrayUnexpected, _path.Child(serialized), $"{element.Path} is a single element and must not be an array.");
                reader.Skip();
                return false;
            }

            _path.Push(NameOf(match), -1);
            var placeholder = ReadItem(ref reader, parent, match, isExtensionPart, -1);
            _path.Pop();
            return placeholder;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            Error(ParseIssueCodes.ArrayExpected, _path.Child(serialized), $"{element.Path} repeats and must be written as an array.");
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.String or JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False)
            {
                _path.Push(NameOf(match), 0);
                ReadItem(ref reader, parent, match, isExtensionPart, 0);
                _path.Pop();
            }
            else
            {
                reader.Skip();
            }

            return false;
        }

        var isPrimitive = match.Type is { IsPrimitive: true };
        var (start, before) = parent.RangeOf(element);
        var otherPartSeen = false;
        if (before > 0)
        {
            var mine = isExtensionPart ? ExtensionPart : ValuePart;
            for (var i = start; i < start + before; i++)
            {
                if ((parent[i].ReadParts & mine) != 0 || !isPrimitive)
                {
                    Error(ParseIssueCodes.DuplicateProperty, _path.Child(serialized), $"'{serialized}' appears more than once.");
                    reader.Skip();
                    return false;
                }
            }

            otherPartSeen = true;
        }

        var index = 0;
        var placeholders = false;
        _path.Push(NameOf(match), 0);
        while (!_fatal && reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            _path.SetIndex(index);
            placeholders |= ReadItem(ref reader, parent, match, isExtensionPart, index);
            index++;
        }

        _path.Pop();
        if (index == 0)
        {
            Error(ParseIssueCodes.EmptyArray, _path.Child(serialized), $"'{serialized}' is an empty array; leave the property out instead.");
        }
        else if (otherPartSeen && index != before)
        {
            Error(ParseIssueCodes.ArrayLengthMismatch, _path.Child(serialized), $"'{serialized}' has {index} items but its partner array has {before}; they must align.");
        }

        return placeholders;
    }

    private static string NameOf(PropertyMatch match) =>
        match.Type is null ? match.Element.Name : match.Element.SerializedName(match.Type);

    /// <summary>Reads one value (a whole property, or one array item); returns whether it left a placeholder.</summary>
    private bool ReadItem(ref Utf8JsonReader reader, ElementNode parent, PropertyMatch match, bool isExtensionPart, int index)
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
            return ReadPrimitive(ref reader, parent, element, type, isExtensionPart, index);
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            Error(ParseIssueCodes.WrongJsonType, _path.ToString(), $"{element.Path} is a {type.Name.Split('.')[0]} and must be a JSON object, not {Describe(reader.TokenType)}.");
            reader.Skip();
            return false;
        }

        if (!element.IsRepeating && parent.RangeOf(element).Count > 0)
        {
            ReportRepeat(parent, element, type);
            reader.Skip();
            return false;
        }

        var child = new ElementNode(type, element);
        ReadObject(ref reader, child, isResource: false);
        if (child.ChildCount == 0)
        {
            if (!_fatal)
            {
                Error(ParseIssueCodes.EmptyElement, _path.ToString(), $"{element.Path} is an empty object; leave it out instead.");
            }

            return false;
        }

        parent.AddInOrder(child);
        return false;
    }

    private void ReportRepeat(ElementNode parent, ElementInfo element, TypeDefinition type)
    {
        var existing = parent[parent.RangeOf(element).Start];
        if (element.IsChoice && !ReferenceEquals(existing.Type, type))
        {
            Error(ParseIssueCodes.ChoiceConflict, _path.ToString(), $"{element.Path} already has a value of type {existing.Type.Name}; a choice element holds one type only.");
        }
        else
        {
            Error(ParseIssueCodes.DuplicateProperty, _path.ToString(), $"'{element.SerializedName(type)}' appears more than once.");
        }
    }

    private bool ReadPrimitive(ref Utf8JsonReader reader, ElementNode parent, ElementInfo element, TypeDefinition type, bool isExtensionPart, int index)
    {
        var isNull = reader.TokenType == JsonTokenType.Null;
        if (isNull && index < 0)
        {
            Error(ParseIssueCodes.NullValue, _path.ToString(), $"{element.Path} is null; leave the property out instead.");
            return false;
        }

        string? value = null;
        if (!isNull)
        {
            if (isExtensionPart)
            {
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    Error(ParseIssueCodes.WrongJsonType, _path.ToString(), $"The '_' part of {element.Path} must be an object holding id and extension, not {Describe(reader.TokenType)}.");
                    reader.Skip();
                    return false;
                }
            }
            else if (!TryReadPrimitiveValue(ref reader, element, type, out value))
            {
                return false;
            }
        }

        var node = PrimitiveSlot(parent, element, type, index, isExtensionPart ? ExtensionPart : ValuePart);
        if (node is null)
        {
            if (isExtensionPart && !isNull)
            {
                reader.Skip();
            }

            return false;
        }

        if (isExtensionPart)
        {
            if (!isNull)
            {
                var before = node.ChildCount;
                ReadObject(ref reader, node, isResource: false);
                if (node.ChildCount == before && !_fatal)
                {
                    Error(ParseIssueCodes.EmptyElement, _path.ToString(), $"The '_' part of {element.Path} is an empty object; use null or leave it out.");
                }
            }
        }
        else
        {
            node.Value = value;
        }

        return isNull || (isExtensionPart && node.Value is null);
    }

    /// <summary>Finds or creates the node for a primitive's value or '_' part; null (with an issue) when that part was already given.</summary>
    private ElementNode? PrimitiveSlot(ElementNode parent, ElementInfo element, TypeDefinition type, int index, byte part)
    {
        var (start, count) = parent.RangeOf(element);
        var position = index < 0 ? 0 : index;
        if (position < count)
        {
            var existing = parent[start + position];
            if (!ReferenceEquals(existing.Type, type))
            {
                ReportRepeat(parent, element, type);
                return null;
            }

            if ((existing.ReadParts & part) != 0)
            {
                Error(ParseIssueCodes.DuplicateProperty, _path.ToString(), $"'{(part == ExtensionPart ? "_" : string.Empty)}{element.SerializedName(type)}' appears more than once.");
                return null;
            }

            existing.ReadParts |= part;
            return existing;
        }

        var node = new ElementNode(type, element) { ReadParts = part };
        if (count == 0)
        {
            parent.AddInOrder(node);
        }
        else
        {
            parent.InsertAt(count, node);
        }

        return node;
    }

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
            reader.Skip();
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
                // Kept exactly as written: 1.50 stays 1.50 (https://hl7.org/fhir/R4/json.html#primitive).
                value = Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan);
                break;
            default:
                var length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
                if (length > options.MaxStringLength)
                {
                    Error(ParseIssueCodes.StringTooLong, _path.ToString(), $"The value is longer than the limit of {options.MaxStringLength} characters.");
                    return false;
                }

                try
                {
                    value = reader.GetString()!;
                }
                catch (InvalidOperationException)
                {
                    Error(ParseIssueCodes.InvalidUtf8, _path.ToString(), "The value is not valid UTF-8.");
                    return false;
                }

                if (value.Length > options.MaxStringLength)
                {
                    Error(ParseIssueCodes.StringTooLong, _path.ToString(), $"The value is longer than the limit of {options.MaxStringLength} characters.");
                    return false;
                }

                break;
        }

        return CheckValue(type, element, value);
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

        if (options.ValidatePrimitiveValues && type.ValueRegex is { } regex && !regex.IsMatch(value))
        {
            Error(ParseIssueCodes.InvalidValue, _path.ToString(), $"'{Shorten(value)}' is not a valid {type.Name} for {element.Path}.");
            return false;
        }

        return true;
    }

    internal static string Shorten(string value) => value.Length <= 64 ? value : value[..61] + "...";

    private void ReadContainedResource(ref Utf8JsonReader reader, ElementNode parent, ElementInfo element)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            Error(ParseIssueCodes.WrongJsonType, _path.ToString(), $"{element.Path} must be a resource object, not {Describe(reader.TokenType)}.");
            reader.Skip();
            return;
        }

        if (!element.IsRepeating && parent.RangeOf(element).Count > 0)
        {
            Error(ParseIssueCodes.DuplicateProperty, _path.ToString(), $"'{element.Name}' appears more than once.");
            reader.Skip();
            return;
        }

        var type = ResourceTypeOf(reader, _path.ToString());
        if (type is null)
        {
            reader.Skip();
            return;
        }

        if (!element.Types.Any(t => t.IsAssignableFrom(type)))
        {
            Error(ParseIssueCodes.WrongJsonType, _path.ToString(), $"{element.Path} must hold a {string.Join(" or ", element.Types)}, not a {type.Name}.");
            reader.Skip();
            return;
        }

        var resource = new ElementNode(type, element);
        ReadObject(ref reader, resource, isResource: true);
        parent.AddInOrder(resource);
    }

    /// <summary>Drops primitives that ended with neither value nor extensions (nulls in arrays with no partner), reporting each.</summary>
    private void RemoveEmptyPrimitives(ElementNode node)
    {
        for (var i = node.ChildCount - 1; i >= 0; i--)
        {
            var child = node[i];
            if (child.Type.IsPrimitive && child.Value is null && child.ChildCount == 0)
            {
                Error(ParseIssueCodes.NullValue, _path.Child(child.SerializedName), $"An item of {child.Definition!.Path} has neither a value nor extensions.");
                node.Remove(child);
            }
        }
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };

    private void Error(string code, string location, string message) =>
        _issues.Add(new ParseIssue(IssueSeverity.Error, code, location, message));

    private void Fatal(string code, string message)
    {
        _issues.Add(new ParseIssue(IssueSeverity.Fatal, code, _path.ToString(), message));
        _fatal = true;
    }
}
