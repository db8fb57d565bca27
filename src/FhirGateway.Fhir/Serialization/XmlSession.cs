using System.Xml;
using FhirGateway.Fhir.Definitions;
using FhirGateway.Fhir.Model;

namespace FhirGateway.Fhir.Serialization;

/// <summary>The state of one XML read: model, limits, issues found, the current path and the source bytes.</summary>
internal sealed class XmlSession
{
    private const string XmlnsNamespace = "http://www.w3.org/2000/xmlns/";
    private const string XsiNamespace = "http://www.w3.org/2001/XMLSchema-instance";

    private static XmlReaderSettings? s_settings;

    private readonly FhirModel _model;
    private readonly FhirReaderOptions _options;
    private readonly ArraySegment<byte> _source;
    private readonly List<ParseIssue> _issues = [];
    private readonly IssuePath _path = new();
    private ChildBuffers _buffers = null!;
    private XmlReader _reader = null!;
    private IXmlLineInfo? _lines;
    private XhtmlSlicer? _slicer;
    private bool _fatal;

    public XmlSession(FhirModel model, FhirReaderOptions options, ArraySegment<byte> source)
    {
        _model = model;
        _options = options;
        _source = source;
    }

    public ParseResult ParseDocument()
    {
        var settings = SettingsFor(_options.MaxDocumentBytes);

        if (DeclaredEncoding(_source) is { } encoding && !encoding.Equals("UTF-8", StringComparison.OrdinalIgnoreCase))
        {
            Fatal(ParseIssueCodes.XmlSyntax, $"FHIR XML must be encoded in UTF-8, but the document declares '{encoding}'.");
            return Result(null);
        }

        ElementNode? root = null;
        _buffers = ChildBuffers.Rent();
        try
        {
            using var stream = new MemoryStream(_source.Array!, _source.Offset, _source.Count, writable: false);
            using var reader = XmlReader.Create(stream, settings);
            _reader = reader;
            _lines = reader as IXmlLineInfo;
            if (reader.MoveToContent() != XmlNodeType.Element)
            {
                Fatal(ParseIssueCodes.NotAResource, "A FHIR XML document must have a resource as its root element.");
                return Result(null);
            }

            if (reader.NamespaceURI != FhirXmlReader.Namespace)
            {
                Fatal(ParseIssueCodes.WrongNamespace, $"The root element must be in the FHIR namespace {FhirXmlReader.Namespace}, not '{reader.NamespaceURI}'.");
                return Result(null);
            }

            if (!_model.TryGetResourceType(reader.LocalName, out var type))
            {
                Fatal(ParseIssueCodes.UnknownResourceType, $"'{reader.LocalName}' is not a FHIR {_model.Version} resource type.");
                return Result(null);
            }

            root = new ElementNode(type);
            _path.Push(type.Name, -1);
            ReadNode(root);
            _path.Pop();
            while (!_fatal && reader.Read())
            {
                if (reader.NodeType is XmlNodeType.Element or XmlNodeType.Text or XmlNodeType.CDATA)
                {
                    Error(ParseIssueCodes.UnexpectedContent, string.Empty, "Unexpected content after the end of the resource.");
                    break;
                }
            }
        }
        catch (XmlException e)
        {
            _issues.Add(new ParseIssue(IssueSeverity.Fatal, ParseIssueCodes.XmlSyntax, _path.ToString(), "The XML is not well-formed: " + e.Message)
            {
                Line = e.LineNumber,
                Column = e.LinePosition,
            });
            _fatal = true;
        }
        finally
        {
            _buffers.Return();
        }

        return Result(_fatal ? null : root);
    }

    private ParseResult Result(ElementNode? root) => new(root, _issues);

    /// <summary>The reader settings for a size limit; the last ones made are reused (XmlReader.Create only reads them).</summary>
    private static XmlReaderSettings SettingsFor(long maxDocumentBytes)
    {
        if (s_settings is { } cached && cached.MaxCharactersInDocument == maxDocumentBytes)
        {
            return cached;
        }

        var settings = new XmlReaderSettings
        {
            // No DTDs: no entity expansion attacks, no external entities (OWASP XXE).
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            IgnoreWhitespace = false,
            MaxCharactersInDocument = maxDocumentBytes,
            CloseInput = true,
        };
        s_settings = settings;
        return settings;
    }

    /// <summary>The encoding named by the XML declaration, if any (XML 1.0 section 4.3.3).</summary>
    private static string? DeclaredEncoding(ReadOnlySpan<byte> source)
    {
        if (source.StartsWith("\uFEFF"u8))
        {
            source = source[3..];
        }

        if (!source.StartsWith("<?xml"u8))
        {
            return null;
        }

        var end = source.IndexOf("?>"u8);
        var declaration = System.Text.Encoding.ASCII.GetString(end < 0 ? source[..Math.Min(source.Length, 200)] : source[..end]);
        var at = declaration.IndexOf("encoding", StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var quote = declaration.IndexOfAny(['"', '\''], at);
        var close = quote < 0 ? -1 : declaration.IndexOf(declaration[quote], quote + 1);
        return close < 0 ? null : declaration[(quote + 1)..close];
    }

    /// <summary>Reads the attributes and children of the element at the reader into <paramref name="node"/>; ends on its end tag.</summary>
    private void ReadNode(ElementNode node)
    {
        if (_reader.Depth >= _options.MaxDepth)
        {
            Fatal(ParseIssueCodes.TooDeep, $"The document nests deeper than the limit of {_options.MaxDepth} levels.");
            return;
        }

        var level = _reader.Depth;
        _buffers.Lend(node, level);
        ReadContent(node);
        _buffers.TakeBack(node, level);
    }

    /// <summary>Reads the attributes and children of the element at the reader; ends on its end tag.</summary>
    private void ReadContent(ElementNode node)
    {
        var type = node.Type;
        if (_reader.HasAttributes)
        {
            ReadAttributes(node, type);
        }

        if (_reader.IsEmptyElement)
        {
            return;
        }

        var lastOrder = -1;
        while (!_fatal && _reader.Read())
        {
            switch (_reader.NodeType)
            {
                case XmlNodeType.EndElement:
                    return;
                case XmlNodeType.Element:
                    ReadChild(node, ref lastOrder);
                    break;
                case XmlNodeType.Text:
                case XmlNodeType.CDATA:
                    Error(ParseIssueCodes.UnexpectedContent, _path.ToString(), $"Text is not allowed inside {Describe(node)}; FHIR XML carries values in value attributes.");
                    break;
            }
        }
    }

    private static string Describe(ElementNode node) => node.Definition?.Path ?? node.Type.Name;

    private void ReadAttributes(ElementNode node, TypeDefinition type)
    {
        _reader.MoveToFirstAttribute();
        do
        {
            var ns = _reader.NamespaceURI;
            if (ns.Length != 0)
            {
                // Namespace declarations and xsi:schemaLocation carry no FHIR content.
                if (ns is not (XmlnsNamespace or XsiNamespace))
                {
                    Error(ParseIssueCodes.WrongNamespace, _path.Child("@" + _reader.Name), $"Attribute '{_reader.Name}' is not part of FHIR XML.");
                }

                continue;
            }

            var name = _reader.LocalName;
            if (name == "value" && type.IsPrimitive && !type.IsXhtml)
            {
                var value = _reader.Value;
                if (CheckValue(type, node.Definition, value, null))
                {
                    node.Value = value;
                }

                continue;
            }

            if (type.TryGetProperty(name, out var match) && match.Element.IsXmlAttribute && match.Type is not null)
            {
                var value = _reader.Value;
                if (CheckValue(match.Type, match.Element, value, name))
                {
                    node.Append(ElementNode.ForMatch(match, value));
                }

                continue;
            }

            Error(ParseIssueCodes.UnknownElement, _path.Child("@" + name), $"'{name}' is not an attribute of {Describe(node)}.");
        }
        while (_reader.MoveToNextAttribute());

        _reader.MoveToElement();
    }

    private void ReadChild(ElementNode parent, ref int lastOrder)
    {
        var ns = _reader.NamespaceURI;
        var name = _reader.LocalName;
        if (ns == Xhtml.Namespace && name == "div" && parent.Type.TryGetProperty(name, out var div) && div.Type is { IsXhtml: true })
        {
            if (!Place(parent, div, ref lastOrder, out _))
            {
                SkipElement();
                return;
            }

            _path.Push(name, -1);
            ReadXhtml(parent, div);
            _path.Pop();
            return;
        }

        if (ns != FhirXmlReader.Namespace)
        {
            Error(ParseIssueCodes.WrongNamespace, _path.Child(name), $"Element '{name}' is in namespace '{ns}', not the FHIR namespace {FhirXmlReader.Namespace}.");
            SkipElement();
            return;
        }

        if (!parent.Type.TryGetProperty(name, out var match) || match.Element.IsXmlAttribute || match.Type is { IsXhtml: true })
        {
            Error(ParseIssueCodes.UnknownElement, _path.Child(name), match.Element is { IsXmlAttribute: true }
                ? $"'{name}' must be an attribute of {Describe(parent)}, not an element."
                : $"'{name}' is not an element of {Describe(parent)}.");
            SkipElement();
            return;
        }

        if (!Place(parent, match, ref lastOrder, out var index))
        {
            SkipElement();
            return;
        }

        _path.Push(name, index);
        if (match.Element.IsResourceContainer)
        {
            ReadContainedResource(parent, match.Element);
        }
        else
        {
            var child = ElementNode.ForMatch(match);
            var issuesBefore = _issues.Count;
            ReadNode(child);
            if (child.Value is null && child.ChildCount == 0)
            {
                // Not reported again when what made it empty (an invalid value) was reported already.
                if (!_fatal && _issues.Count == issuesBefore)
                {
                    Error(ParseIssueCodes.EmptyElement, _path.ToString(), $"{match.Element.Path} has neither a value nor children; leave it out instead.");
                }
            }
            else
            {
                parent.Append(child);
            }
        }

        _path.Pop();
    }

    /// <summary>Checks order, repetition and choice rules before an element is read; gives its index among its siblings.</summary>
    private bool Place(ElementNode parent, PropertyMatch match, ref int lastOrder, out int index)
    {
        var element = match.Element;
        var (start, count) = parent.RangeOf(element);
        index = element.IsRepeating ? count : -1;
        if (count > 0 && !element.IsRepeating)
        {
            var existing = parent[start];
            if (element.IsChoice && !ReferenceEquals(existing.Type, match.Type))
            {
                Error(ParseIssueCodes.ChoiceConflict, _path.Child(_reader.LocalName), $"{element.Path} already has a value of type {existing.Type.Name}; a choice element holds one type only.");
            }
            else
            {
                Error(ParseIssueCodes.DuplicateProperty, _path.Child(_reader.LocalName), $"{element.Path} appears more than once but is a single element.");
            }

            return false;
        }

        if (element.Order < lastOrder)
        {
            // The order is unambiguous to restore, and real senders (NEMS examples among them) get it wrong, so a
            // warning: the model keeps definition order and everything written from it is in order again.
            _issues.Add(new ParseIssue(IssueSeverity.Warning, ParseIssueCodes.ElementOrder, _path.Child(_reader.LocalName), $"'{_reader.LocalName}' is out of order: {element.Path} must come before the elements already read.")
            {
                Line = _lines?.LineNumber,
                Column = _lines?.LinePosition,
            });
        }

        lastOrder = Math.Max(lastOrder, element.Order);
        return true;
    }

    private void ReadContainedResource(ElementNode parent, ElementInfo element)
    {
        ElementNode? resource = null;
        if (_reader.IsEmptyElement)
        {
            Error(ParseIssueCodes.EmptyElement, _path.ToString(), $"{element.Path} must hold a resource.");
            return;
        }

        while (!_fatal && _reader.Read() && _reader.NodeType != XmlNodeType.EndElement)
        {
            if (_reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA)
            {
                Error(ParseIssueCodes.UnexpectedContent, _path.ToString(), $"Text is not allowed inside {element.Path}.");
                continue;
            }

            if (_reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            if (resource is not null)
            {
                Error(ParseIssueCodes.UnexpectedContent, _path.ToString(), $"{element.Path} holds exactly one resource.");
                SkipElement();
                continue;
            }

            if (_reader.NamespaceURI != FhirXmlReader.Namespace || !_model.TryGetResourceType(_reader.LocalName, out var type))
            {
                Error(ParseIssueCodes.UnknownResourceType, _path.ToString(), $"'{_reader.LocalName}' is not a FHIR {_model.Version} resource type.");
                SkipElement();
                continue;
            }

            if (!CanHold(element, type))
            {
                Error(ParseIssueCodes.WrongJsonType, _path.ToString(), $"{element.Path} must hold a {string.Join(" or ", element.Types)}, not a {type.Name}.");
                SkipElement();
                continue;
            }

            resource = new ElementNode(type, element);
            ReadNode(resource);
        }

        if (resource is null)
        {
            if (!_fatal)
            {
                Error(ParseIssueCodes.EmptyElement, _path.ToString(), $"{element.Path} must hold a resource.");
            }

            return;
        }

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

    private void ReadXhtml(ElementNode parent, PropertyMatch div)
    {
        string? value;
        if (_lines is { } lines && lines.HasLineInfo())
        {
            // Narrative is taken verbatim from the document, so XML -> model -> XML and XML -> JSON keep it intact.
            _slicer ??= new XhtmlSlicer(_source);
            var start = (lines.LineNumber, lines.LinePosition);
            (int, int)? end = null;
            if (!_reader.IsEmptyElement)
            {
                var depth = _reader.Depth;
                while (_reader.Read() && _reader.Depth > depth)
                {
                }

                end = (lines.LineNumber, lines.LinePosition);
            }

            value = _slicer.Slice(start, end);
        }
        else
        {
            value = _reader.ReadOuterXml();
        }

        if (value is null)
        {
            Error(ParseIssueCodes.InvalidXhtml, _path.ToString(), "The narrative could not be read.");
            return;
        }

        if (_options.ValidateXhtml && Xhtml.Check(value) is { } problem)
        {
            Error(ParseIssueCodes.InvalidXhtml, _path.ToString(), problem);
            return;
        }

        parent.Append(ElementNode.ForMatch(div, value));
    }

    private void SkipElement()
    {
        if (_reader.IsEmptyElement)
        {
            return;
        }

        var depth = _reader.Depth;
        while (_reader.Read() && _reader.Depth > depth)
        {
        }
    }

    /// <summary>
    /// Checks a value attribute; <paramref name="attribute"/> names it when it is an attribute of its own (<c>id</c>,
    /// <c>url</c>) rather than the element's <c>value</c>. The FHIRPath location is built only when an issue is
    /// reported: building it for every value was most of the reader's allocation.
    /// </summary>
    private bool CheckValue(TypeDefinition type, ElementInfo? element, string value, string? attribute)
    {
        if (value.Length > _options.MaxStringLength)
        {
            Error(ParseIssueCodes.StringTooLong, Location(attribute), $"The value is longer than the limit of {_options.MaxStringLength} characters.");
            return false;
        }

        if (_options.ValidatePrimitiveValues && !type.IsValidValue(value))
        {
            Error(ParseIssueCodes.InvalidValue, Location(attribute), $"'{JsonSession.Shorten(value)}' is not a valid {type.Name} for {element?.Path ?? type.Name}.");
            return false;
        }

        return true;
    }

    private string Location(string? attribute) => attribute is null ? _path.ToString() : _path.Child(attribute);

    private void Error(string code, string location, string message) =>
        _issues.Add(new ParseIssue(IssueSeverity.Error, code, location, message) { Line = _lines?.LineNumber, Column = _lines?.LinePosition });

    private void Fatal(string code, string message)
    {
        _issues.Add(new ParseIssue(IssueSeverity.Fatal, code, _path.ToString(), message) { Line = _lines?.LineNumber, Column = _lines?.LinePosition });
        _fatal = true;
    }
}
