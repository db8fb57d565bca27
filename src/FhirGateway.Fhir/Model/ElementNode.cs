using System.Runtime.CompilerServices;
using FhirGateway.Fhir.Definitions;

namespace FhirGateway.Fhir.Model;

/// <summary>
/// One node of a FHIR resource tree: a resource, a complex value, or a primitive (a lexical value plus
/// optional id and extensions). Every node knows its element definition and its actual type, so any
/// resource type of the release can be read, navigated, validated and written without generated code.
/// Children are kept in definition order, so the XML order rules hold by construction.
/// </summary>
public sealed class ElementNode
{
    // A node is one of the most numerous objects the gateway makes (a large bundle reads into millions), so it
    // keeps four words: its shape (definition and type), its content, the child count and a few flags. The
    // content is the value of a primitive (string), the children (ElementNode[]), or for a primitive with an id or
    // extensions both (ValueAndChildren, rare).
    private NodeShape _shape;
    private object? _content;
    private int _count;
    private bool _unordered;
    private bool _borrowed;

    /// <summary>Creates a node of <paramref name="type"/> for <paramref name="definition"/> (null for a root resource).</summary>
    public ElementNode(TypeDefinition type, ElementInfo? definition = null)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (definition is not null)
        {
            CheckFits(type, definition, nameof(type));
            _shape = definition.ShapeFor(type);
        }
        else
        {
            _shape = type.RootShape;
        }
    }

    // For readers: the shape is one the definition's own property table gave, so it fits without a check.
    private ElementNode(NodeShape shape) => _shape = shape;

    /// <summary>The element definition; null for a resource at the root or a value not yet placed in a tree.</summary>
    public ElementInfo? Definition => _shape.Definition;

    /// <summary>The node's actual type (for choice elements, the chosen type).</summary>
    public TypeDefinition Type => _shape.Type;

    /// <summary>The element name (<c>value</c> for <c>valueQuantity</c>); the type name for a root resource.</summary>
    public string Name => _shape.Name;

    /// <summary>The JSON property name and XML element name: <c>valueQuantity</c>, <c>contained</c>.</summary>
    public string SerializedName => _shape.SerializedName;

    /// <summary>For primitives, the value exactly as written (decimals keep their digits: <c>1.50</c>).</summary>
    public string? Value
    {
        get
        {
            var content = _content;
            if (content is null || content.GetType() == typeof(string))
            {
                return Unsafe.As<string>(content);
            }

            return content.GetType() == typeof(ValueAndChildren) ? Unsafe.As<ValueAndChildren>(content).Value : null;
        }

        set
        {
            switch (_content)
            {
                case ElementNode[] children:
                    if (value is not null)
                    {
                        _content = new ValueAndChildren(value, children);
                    }

                    break;
                case ValueAndChildren both:
                    if (value is null)
                    {
                        _content = both.Children;
                    }
                    else
                    {
                        both.Value = value;
                    }

                    break;
                default:
                    _content = value;
                    break;
            }
        }
    }

    /// <summary>Whether this node is a resource.</summary>
    public bool IsResource => Type.IsResource;

    /// <summary>The number of children.</summary>
    public int ChildCount => _count;

    /// <summary>The children in definition order.</summary>
    public ReadOnlySpan<ElementNode> Children => ChildArray.AsSpan(0, _count);

    /// <summary>Scratch flags a reader keeps on a node while it reads (for JSON: a primitive part left out for an error).</summary>
    internal byte ReadFlags { get; set; }

    /// <summary>The array holding the children (longer than <see cref="ChildCount"/> while they are being added), or null.</summary>
    private ElementNode[]? ChildArray
    {
        get
        {
            // Exact type tests: both classes are sealed, and this runs for every child a reader adds or a walk visits.
            var content = _content;
            if (content is null || content.GetType() == typeof(string))
            {
                return null;
            }

            return content.GetType() == typeof(ElementNode[]) ? Unsafe.As<ElementNode[]>(content) : Unsafe.As<ValueAndChildren>(content).Children;
        }
    }

    /// <summary>Returns the child at <paramref name="index"/>.</summary>
    public ElementNode this[int index] => (uint)index < (uint)_count ? ChildArray![index] : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>The children for the element named <paramref name="name"/>, in order.</summary>
    public IEnumerable<ElementNode> ChildrenNamed(string name)
    {
        for (var i = 0; i < _count; i++)
        {
            var child = ChildArray![i];
            if (string.Equals(child.Name, name, StringComparison.Ordinal))
            {
                yield return child;
            }
        }
    }

    /// <summary>The first child for the element named <paramref name="name"/>, if any.</summary>
    public ElementNode? Child(string name)
    {
        foreach (var child in Children)
        {
            if (string.Equals(child.Name, name, StringComparison.Ordinal))
            {
                return child;
            }
        }

        return null;
    }

    /// <summary>The children whose definition is <paramref name="element"/>: their start index and count (when none, the index where they would go).</summary>
    public (int Start, int Count) RangeOf(ElementInfo element)
    {
        ArgumentNullException.ThrowIfNull(element);
        var children = ChildArray;
        if (_unordered)
        {
            // A reader is still appending in document order: the element's children may sit anywhere.
            for (var i = 0; i < _count; i++)
            {
                if (ReferenceEquals(children![i].Definition, element))
                {
                    var last = i + 1;
                    while (last < _count && ReferenceEquals(children[last].Definition, element))
                    {
                        last++;
                    }

                    return (i, last - i);
                }
            }

            return (InsertionIndex(element.Order), 0);
        }

        // In definition order the search runs from the end: readers ask about the element they are reading,
        // which is almost always the last one added. Its children start where the order does (an element's
        // Order is unique within its type, and every child belongs to this node's type), found by binary
        // search, so a list of thousands (Bundle.entry) costs no more per item than a list of one.
        var order = element.Order;
        var end = InsertionIndex(order);
        if (end == 0 || !ReferenceEquals(children![end - 1].Definition, element))
        {
            return (end, 0);
        }

        var low = 0;
        var high = end - 1;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (children[middle]._shape.Order < order)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return (low, end - low);
    }

    /// <summary>Adds a child after any existing children of the same element, keeping definition order.</summary>
    public ElementNode Add(ElementNode child)
    {
        ArgumentNullException.ThrowIfNull(child);
        if (child.Definition is null || !ReferenceEquals(child.Definition.DeclaringType, Type))
        {
            throw new ArgumentException($"A {child.SerializedName} element does not belong in a {Type.Name}.", nameof(child));
        }

        Insert(InsertionIndex(child.Definition.Order), child);
        return child;
    }

    /// <summary>Creates and adds a child for element <paramref name="name"/>; <paramref name="type"/> selects the type of a choice element.</summary>
    public ElementNode AddNew(string name, TypeDefinition? type = null)
    {
        var element = Type.FindElement(name) ?? throw new ArgumentException($"A {Type.Name} has no element '{name}'.", nameof(name));
        type ??= element.Types.Count == 1 ? element.Types[0] : throw new ArgumentException($"Element {element.Path} needs a type.", nameof(type));
        return Add(new ElementNode(type, element));
    }

    /// <summary>Inserts a child at a given position among the children of its element.</summary>
    public void InsertAt(int position, ElementNode child)
    {
        ArgumentNullException.ThrowIfNull(child);
        if (child.Definition is null || !ReferenceEquals(child.Definition.DeclaringType, Type))
        {
            throw new ArgumentException($"A {child.SerializedName} element does not belong in a {Type.Name}.", nameof(child));
        }

        var (start, count) = RangeOf(child.Definition);
        Insert(start + Math.Clamp(position, 0, count), child);
    }

    /// <summary>Removes a child; returns whether it was present.</summary>
    public bool Remove(ElementNode child)
    {
        var children = ChildArray;
        for (var i = 0; i < _count; i++)
        {
            if (ReferenceEquals(children![i], child))
            {
                RemoveAt(i);
                return true;
            }
        }

        return false;
    }

    /// <summary>Removes every child of the element named <paramref name="name"/>.</summary>
    public int RemoveAll(string name)
    {
        var removed = 0;
        var children = ChildArray;
        for (var i = _count - 1; i >= 0; i--)
        {
            if (string.Equals(children![i].Name, name, StringComparison.Ordinal))
            {
                RemoveAt(i);
                removed++;
            }
        }

        return removed;
    }

    /// <summary>A deep copy of this node.</summary>
    public ElementNode DeepCopy() => DeepCopy(Definition);

    /// <summary>A deep copy of this node for <paramref name="definition"/>, which must accept its type.</summary>
    internal ElementNode DeepCopy(ElementInfo? definition)
    {
        var copy = new ElementNode(Type, definition);
        if (_count > 0)
        {
            var children = ChildArray!;
            var copies = new ElementNode[_count];
            for (var i = 0; i < _count; i++)
            {
                copies[i] = children[i].DeepCopy();
            }

            copy.SetChildArray(copies);
            copy._count = _count;
        }

        copy.Value = Value;
        return copy;
    }

    /// <summary>Whether both trees hold the same elements, types and values in the same order.</summary>
    public bool IsExactly(ElementNode other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (!ReferenceEquals(Type, other.Type) || !ReferenceEquals(Definition, other.Definition) ||
            !string.Equals(Value, other.Value, StringComparison.Ordinal) || _count != other._count)
        {
            return false;
        }

        var children = ChildArray;
        var others = other.ChildArray;
        for (var i = 0; i < _count; i++)
        {
            if (!children![i].IsExactly(others![i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Gives a node created on its own (no definition yet) the element it is being placed in, so that a typed
    /// view built before it was added (<c>new HumanName { Family = "..." }</c>) stays live once it is in the tree.
    /// </summary>
    internal void BindTo(ElementInfo definition)
    {
        if (Definition is not null)
        {
            throw new InvalidOperationException($"The {SerializedName} node already belongs to {Definition.Path}.");
        }

        CheckFits(Type, definition, nameof(definition));
        _shape = definition.ShapeFor(Type);
    }

    /// <inheritdoc />
    public override string ToString() => Value is not { } value ? SerializedName : $"{SerializedName}={value}";

    /// <summary>
    /// Appends a child in document order without searching for its place; <see cref="RestoreOrder"/> puts the
    /// children back in definition order afterwards. Readers use this so that a document written out of
    /// definition order costs one sort per object instead of one shift per child.
    /// </summary>
    internal void Append(ElementNode child)
    {
        var children = ChildArray;
        if (_count > 0 && children![_count - 1]._shape.Order > child._shape.Order)
        {
            _unordered = true;
        }

        if (children is null || _count == children.Length)
        {
            Array.Resize(ref children, _count == 0 ? 4 : _count * 2);
            SetChildArray(children);
        }

        children[_count++] = child;
    }

    /// <summary>
    /// Lets a reader append this node's children into a buffer it lends (one per nesting level, reused across
    /// nodes), so that <see cref="EndAppend"/> can give the node an array of exactly the right size instead of
    /// growing one 4, 8, 16... Ignored when the node already has children.
    /// </summary>
    internal void BeginAppend(ElementNode[] buffer)
    {
        if (_count == 0 && buffer.Length > 0)
        {
            SetChildArray(buffer);
            _borrowed = true;
        }
    }

    /// <summary>
    /// Ends appending: restores definition order, copies the children out of the lent buffer and returns the buffer
    /// (cleared; a larger one when <see cref="Append"/> had to grow it), or null when none was lent.
    /// </summary>
    internal ElementNode[]? EndAppend()
    {
        RestoreOrder();
        if (!_borrowed)
        {
            return null;
        }

        _borrowed = false;
        var buffer = ChildArray!;
        if (_count == 0)
        {
            SetChildArray(null);
            return buffer;
        }

        SetChildArray(buffer.AsSpan(0, _count).ToArray());
        Array.Clear(buffer, 0, _count);
        return buffer;
    }

    /// <summary>
    /// A node for a property a reader matched by name: the definitions paired the element with the type (a
    /// <see cref="PropertyMatch"/> with a type), so the constructor's check is skipped.
    /// </summary>
    internal static ElementNode ForMatch(in PropertyMatch match, string? value = null) => new(match.Element.ShapeAt(match.TypeIndex)) { _content = value };

    /// <summary>Sorts children appended out of order into definition order, keeping the order within each element.</summary>
    internal void RestoreOrder()
    {
        if (!_unordered)
        {
            return;
        }

        _unordered = false;
        var children = ChildArray!;
        var keys = new long[_count];
        for (var i = 0; i < _count; i++)
        {
            // Unique keys make the unstable Array.Sort keep document order among children of one element.
            keys[i] = ((long)children[i]._shape.Order << 32) | (uint)i;
        }

        Array.Sort(keys, children, 0, _count);
    }

    /// <summary>Removes every child <paramref name="remove"/> selects, in one pass.</summary>
    internal void RemoveWhere(Func<ElementNode, bool> remove)
    {
        if (_count == 0)
        {
            return;
        }

        var children = ChildArray!;
        var kept = 0;
        for (var i = 0; i < _count; i++)
        {
            if (!remove(children[i]))
            {
                children[kept++] = children[i];
            }
        }

        Array.Clear(children, kept, _count - kept);
        _count = kept;
    }

    private static void CheckFits(TypeDefinition type, ElementInfo definition, string parameter)
    {
        if (!definition.CanHold(type))
        {
            throw new ArgumentException($"Element {definition.Path} cannot hold a {type.Name}.", parameter);
        }
    }

    /// <summary>Gives the node a children array (null: none), keeping its value.</summary>
    private void SetChildArray(ElementNode[]? children)
    {
        switch (_content)
        {
            case string value:
                if (children is not null)
                {
                    _content = new ValueAndChildren(value, children);
                }

                break;
            case ValueAndChildren both:
                if (children is null)
                {
                    _content = both.Value;
                }
                else
                {
                    both.Children = children;
                }

                break;
            default:
                _content = children;
                break;
        }
    }

    private int InsertionIndex(int order)
    {
        var children = ChildArray;
        var i = _count;
        while (i > 0 && children![i - 1]._shape.Order > order)
        {
            i--;
        }

        return i;
    }

    private void Insert(int index, ElementNode child)
    {
        var children = ChildArray;
        if (children is null || _count == children.Length)
        {
            Array.Resize(ref children, _count == 0 ? 4 : _count * 2);
            SetChildArray(children);
        }

        Array.Copy(children, index, children, index + 1, _count - index);
        children[index] = child;
        _count++;
    }

    private void RemoveAt(int index)
    {
        var children = ChildArray!;
        _count--;
        Array.Copy(children, index + 1, children, index, _count - index);
        children[_count] = null!;
    }

    /// <summary>The content of a primitive that has both a value and children (its id or extensions).</summary>
    private sealed class ValueAndChildren(string value, ElementNode[] children)
    {
        public string Value { get; set; } = value;

        public ElementNode[] Children { get; set; } = children;
    }
}
