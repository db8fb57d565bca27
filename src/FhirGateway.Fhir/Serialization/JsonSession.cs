using System.Runtime.CompilerServices;
using System.Text.Json;
using FhirGateway.Fhir.Definitions;
using FhirGateway.Fhir.Model;

namespace FhirGateway.Fhir.Serialization;

/// <summary>
/// The state of one JSON read: model, limits, issues found and the current path. This part walks objects and
/// enforces the document-wide rules; JsonSession.Elements.cs and JsonSession.Primitives.cs read the values.
/// </summary>
internal sealed partial class JsonSession(FhirModel model, FhirReaderOptions options)
{
    // Marks for the elements an object has given (see MarkSeen): the low bits say which part, the rest which type.
    private const ushort ValuePart = 1;
    private const ushort ExtensionPart = 2;
    private const int TypeShift = 2;

    private readonly List<ParseIssue> _issues = [];
    private readonly IssuePath _path = new();
    private ChildBuffers _buffers = null!;
    private RepeatedValues _values = null!;

    // Names and resource types are decoded here; each is used before the reader moves on, so one buffer per
    // thread serves every read (a buffer per read was a tenth of what a small document's read allocates besides
    // the tree).
    [ThreadStatic]
    private static char[]? t_nameBuffer;
    private bool _fatal;

    public ParseResult ParseDocument(ReadOnlySpan<byte> utf8)
    {
        // A UTF-8 byte order mark is tolerated (RFC 8259 section 8.1 allows parsers to ignore it).
        if (utf8.StartsWith("\uFEFF"u8))
        {
            utf8 = utf8[3..];
        }

        // One level of headroom: the session's own depth checks (TooDeep) report the limit before the reader would throw.
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions
        {
            MaxDepth = Math.Clamp(options.MaxDepth, 0, int.MaxValue - 1) + 1,
            CommentHandling = JsonCommentHandling.Disallow,
        });
        ElementNode? root = null;
        _buffers = ChildBuffers.Rent();
        _values = RepeatedValues.Rent(utf8.Length);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                Fatal(ParseIssueCodes.NotAResource, string.Empty, "A FHIR JSON document must be an object with a resourceType.");
                return Result(null);
            }

            var type = ResourceTypeOf(reader, isRoot: true);
            if (type is null)
            {
                return Result(null);
            }

            root = new ElementNode(type);
            _path.Push(type.Name, -1);
            ReadObject(ref reader, root, isResource: true);
            _path.Pop();
            if (!_fatal && reader.Read())
            {
                Fatal(ParseIssueCodes.JsonSyntax, string.Empty, "Unexpected content after the end of the resource.");
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
        finally
        {
            _buffers.Return();
            _values.Return();
        }

        return Result(_fatal ? null : root);
    }

    private ParseResult Result(ElementNode? root) => new(root, _issues);

    /// <summary>
    /// Finds resourceType in the object at <paramref name="reader"/> (a copy: the caller's position is kept).
    /// JSON members are unordered (RFC 8259 section 4), so resourceType is accepted wherever it stands. Problems
    /// are fatal at the root, where nothing can be read without the type, and errors for contained resources.
    /// </summary>
    private TypeDefinition? ResourceTypeOf(Utf8JsonReader reader, bool isRoot)
    {
        while (!_fatal && reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!reader.ValueTextEquals("resourceType"u8))
            {
                reader.Read();
                Skip(ref reader);
                continue;
            }

            reader.Read();
            if (reader.TokenType != JsonTokenType.String)
            {
                Problem(isRoot, ParseIssueCodes.WrongJsonType, _path.Child("resourceType"), $"resourceType must be a string naming a resource type, not {Describe(reader.TokenType)}.");
                return null;
            }

            if (!TryGetText(ref reader, out var name))
            {
                Problem(isRoot, ParseIssueCodes.InvalidUtf8, _path.Child("resourceType"), "resourceType is not valid UTF-8.");
                return null;
            }

            if (model.TryGetResourceType(name, out var type))
            {
                return type;
            }

            var known = model.FindType(name);
            Problem(isRoot, ParseIssueCodes.UnknownResourceType, _path.Child("resourceType"), known switch
            {
                { IsResource: true } => $"'{known.Name}' is an abstract resource type; resourceType must name a concrete one.",
                not null => $"'{known.Name}' is a data type, not a resource type.",
                null => $"'{Shorten(name.ToString())}' is not a FHIR {model.Version} resource type.",
            });
            return null;
        }

        Problem(isRoot, ParseIssueCodes.MissingResourceType, _path.ToString(), "The resource has no resourceType.");
        return null;
    }

    /// <summary>Reads the members of the object at the reader into <paramref name="node"/>; returns how many members the object had.</summary>
    private int ReadObject(ref Utf8JsonReader reader, ElementNode node, bool isResource)
    {
        if (TooDeep(reader.CurrentDepth))
        {
            return 0;
        }

        var type = node.Type;
        var elementCount = type.Elements.Count;

        // What this object has given, per element: found by element rather than by the nodes built, so a duplicate
        // is caught even when its first occurrence was left out for an error.
        Span<ushort> seen = elementCount <= 128 ? stackalloc ushort[elementCount] : new ushort[elementCount];
        var members = 0;
        var seenResourceType = false;
        var placeholders = false;
        var level = reader.CurrentDepth;
        _buffers.Lend(node, level);
        while (!_fatal && reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            members++;
            if (TryGetKnownProperty(ref reader, type, out var found, out var foundPart))
            {
                reader.Read();
                if (!MarkSeen(seen, found, foundPart))
                {
                    Skip(ref reader);
                    continue;
                }

                placeholders |= ReadProperty(ref reader, node, found, foundPart);
                continue;
            }

            // Everything else (resourceType, unknown or escaped names, '_' parts of non-primitives, bad UTF-8)
            // takes the decoded path, which reports what is wrong.
            if (!TryGetText(ref reader, out var name))
            {
                Error(ParseIssueCodes.InvalidUtf8, _path.ToString(), "A property name is not valid UTF-8; the property was left out.");
                reader.Read();
                Skip(ref reader);
                continue;
            }

            if (isResource && name.SequenceEqual("resourceType"))
            {
                if (seenResourceType)
                {
                    Error(ParseIssueCodes.DuplicateProperty, _path.Child("resourceType"), "resourceType appears more than once.");
                }

                seenResourceType = true;
                reader.Read();
                Skip(ref reader);
                continue;
            }

            // https://hl7.org/fhir/R4/json.html#primitive: '_name' carries the id and extensions of primitive 'name'.
            var isExtensionPart = name.Length > 1 && name[0] == '_';
            var known = type.TryGetProperty(isExtensionPart ? name[1..] : name, out var match);
            if (!known || (isExtensionPart && match.Type is not { IsPrimitive: true, IsXhtml: false }))
            {
                ReportUnknown(name, type, known);
                reader.Read();
                Skip(ref reader);
                continue;
            }

            reader.Read();
            if (!MarkSeen(seen, match, isExtensionPart))
            {
                Skip(ref reader);
                continue;
            }

            placeholders |= ReadProperty(ref reader, node, match, isExtensionPart);
        }

        node.RestoreOrder();
        if (placeholders)
        {
            RemoveEmptyPrimitives(node);
        }

        _buffers.TakeBack(node, level);
        return members;
    }

    /// <summary>
    /// Finds the property named at the reader straight from its UTF-8 bytes, for the common case: an unescaped
    /// name that the type knows, or a '_' part of one of its primitives. False sends the name down the decoded path.
    /// </summary>
    private static bool TryGetKnownProperty(ref Utf8JsonReader reader, TypeDefinition type, out PropertyMatch match, out bool isExtensionPart)
    {
        isExtensionPart = false;
        if (reader.ValueIsEscaped || reader.HasValueSequence)
        {
            match = default;
            return false;
        }

        var raw = reader.ValueSpan;
        isExtensionPart = raw.Length > 1 && raw[0] == '_';
        return type.TryGetProperty(isExtensionPart ? raw[1..] : raw, out match) &&
            (!isExtensionPart || match.Type is { IsPrimitive: true, IsXhtml: false });
    }

    /// <summary>
    /// Records that the object gave <paramref name="match"/>; false (reported) when it is a repeat. Each property
    /// appears once, a primitive once as value and once as '_' part, and a choice element with one type only
    /// (https://hl7.org/fhir/R4/json.html, https://hl7.org/fhir/R4/formats.html#choice).
    /// </summary>
    private bool MarkSeen(Span<ushort> seen, in PropertyMatch match, bool isExtensionPart)
    {
        var element = match.Element;
        ref var mark = ref seen[element.Order];
        var part = isExtensionPart ? ExtensionPart : ValuePart;
        var typeMark = (ushort)((match.TypeIndex + 1) << TypeShift);
        if (mark != 0)
        {
            var serialized = isExtensionPart ? "_" + match.JsonName : match.JsonName;
            if (element.IsChoice && (mark >> TypeShift) != (typeMark >> TypeShift))
            {
                var first = element.SerializedName(element.Types[(mark >> TypeShift) - 1]);
                Error(ParseIssueCodes.ChoiceConflict, _path.Child(match.JsonName), $"'{serialized}' conflicts with '{first}': {element.Path} is a choice and holds one type only.");
                return false;
            }

            if ((mark & part) != 0)
            {
                Error(ParseIssueCodes.DuplicateProperty, _path.Child(match.JsonName), $"'{serialized}' appears more than once.");
                return false;
            }
        }

        mark = (ushort)(mark | part | typeMark);
        return true;
    }

    private void ReportUnknown(ReadOnlySpan<char> name, TypeDefinition type, bool knownWithoutPart)
    {
        var text = Shorten(name.ToString());
        if (text == "fhir_comments")
        {
            Error(ParseIssueCodes.FhirComments, _path.Child(text), "fhir_comments is not accepted: FHIR JSON carries no comments (https://hl7.org/fhir/R4/json.html).");
        }
        else if (knownWithoutPart)
        {
            Error(ParseIssueCodes.UnknownElement, _path.Child(text), $"'{text}' is not allowed: only primitive elements have a '_' part.");
        }
        else
        {
            Error(ParseIssueCodes.UnknownElement, _path.Child(text), $"'{text}' is not an element of {type.Name}.");
        }
    }

    /// <summary>
    /// Skips the value at the reader, holding it to MaxDepth: Utf8JsonReader.Skip would stop at the reader's own
    /// limit with an exception that cannot be told apart from bad syntax.
    /// </summary>
    private void Skip(ref Utf8JsonReader reader)
    {
        if (_fatal || reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
        {
            return;
        }

        var depth = reader.CurrentDepth;
        if (TooDeep(depth))
        {
            return;
        }

        while (reader.Read() && reader.CurrentDepth > depth)
        {
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && TooDeep(reader.CurrentDepth))
            {
                return;
            }
        }
    }

    /// <summary>Whether a container opening at <paramref name="depth"/> breaks the limit (reported as fatal); the stack is checked too, so a raised MaxDepth cannot overflow it.</summary>
    private bool TooDeep(int depth)
    {
        if (depth < options.MaxDepth && RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            return false;
        }

        Fatal(ParseIssueCodes.TooDeep, _path.ToString(), $"The document nests deeper than the limit of {options.MaxDepth} levels.");
        return true;
    }

    /// <summary>Decodes a property name or short string without allocating when it is plain ASCII; false when it is not valid UTF-8.</summary>
    private bool TryGetText(ref Utf8JsonReader reader, out ReadOnlySpan<char> text)
    {
        var raw = reader.ValueSpan;
        var buffer = t_nameBuffer ??= new char[64];
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
                text = buffer.AsSpan(0, raw.Length);
                return true;
            }
        }

        try
        {
            text = reader.GetString().AsSpan();
            return true;
        }
        catch (InvalidOperationException)
        {
            // Utf8JsonReader.GetString throws this for invalid UTF-8 and for escaped lone surrogates.
            text = default;
            return false;
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

    internal static string Shorten(string value) => value.Length <= 64 ? value : value[..61] + "...";

    private void Problem(bool fatal, string code, string location, string message)
    {
        if (fatal)
        {
            Fatal(code, location, message);
        }
        else
        {
            Error(code, location, message);
        }
    }

    /// <summary>Records an error, unless reading has already stopped; past MaxIssues, stops reading instead.</summary>
    private void Error(string code, string location, string message)
    {
        if (_fatal)
        {
            return;
        }

        if (_issues.Count >= options.MaxIssues)
        {
            Fatal(ParseIssueCodes.TooManyIssues, location, $"Reading stopped after {options.MaxIssues} issues.");
            return;
        }

        _issues.Add(new ParseIssue(IssueSeverity.Error, code, location, message));
    }

    private void Fatal(string code, string location, string message)
    {
        if (_fatal)
        {
            return;
        }

        _issues.Add(new ParseIssue(IssueSeverity.Fatal, code, location, message));
        _fatal = true;
    }
}
