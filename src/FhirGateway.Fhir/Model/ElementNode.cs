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
    private ElementNode[]? _children;
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
        }

        Type = type;
        Definition = definition;
    }

    // For readers: the type is one the definition's own property table gave, so it fits without a check.
    private ElementNode(ElementInfo definition, TypeDefinition type)
    {
        Type = type;
        Definition = definition;
    }

    /// <summary>The element definition; null for a resource at the root or a value not yet placed in a tree.</summary>
    public ElementInfo? Definition { get; private set; }

    /// <summary>The node's actual type (for choice elements, the chosen type).</summary>
    public TypeDefinition Type { get; }

    /// <summary>The element name (<c>value</c> for <c>valueQuantity</c>); the type name for a root resource.</summary>
    public string Name => Definition?.Name ?? Type.Name;

    /// <summary>The JSON property name and XML element name: <c>valueQuantity</c>, <c>contained</c>.</summary>
    public string SerializedName => Definition is null ? Type.Name : Definition.IsResourceContainer ? Definition.Name : Definition.SerializedName(Type);

    /// <summary>For primitives, the value exactly as written (decimals keep their digits: <c>1.50</c>).</summary>
    public string? Value { get; set; }

    /// <summary>Whether this node is a resource.</summary>
    public bool IsResource => Type.IsResource;

    /// <summary>The number of children.</summary>
    public int ChildCount => _count;

    /// <summary>The children in definition order.</summary>
    public ReadOnlySpan<ElementNode> Children => _children.AsSpan(0, _count);

    /// <summary>Scratch flags a reader keeps on a node while it reads (for JSON: a primitive part left out for an error).</summary>
    internal byte ReadFlags { get; set; }

    /// <summary>Returns the child at <paramref name="index"/>.</summary>
    public ElementNode this[int index] => (uint)index < (uint)_count ? _children![index] : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>The children for the element named <paramref name="name"/>, in order.</summary>
    public IEnumerable<ElementNode> ChildrenNamed(string name)
    {
        for (var i = 0; i < _count; i++)
        {
            if (string.Equals(_children![i].Name, name, StringComparison.Ordinal))
            {
                yield return _children[i];
            }
        }
    }

    /// <summary>The first child for the element named <paramref name="name"/>, if any.</summary>
    public ElementNode? Child(string name)
    {
        for (var i = 0; i < _count; i++)
        {
            if (string.Equals(_children![i].Name, name, StringComparison.Ordinal))
            {
                return _children[i];
            }
        }

        return null;
    }

    /// <summary>The children whose definition is <paramref name="element"/>: their start index and count (when none, the index where they would go).</summary>
    public (int Start, int Count) RangeOf(ElementInfo element)
    {
        ArgumentNullException.ThrowIfNull(element);
        if (_unordered)
        {
            // A reader is still appending in document order: the element's children may sit anywhere.
            for (var i = 0; i < _count; i++)
            {
                if (ReferenceEquals(_children![i].Definition, element))
                {
                    var last = i + 1;
                    while (last < _count && ReferenceEquals(_children[last].Definition, element))
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
        if (end == 0 || !ReferenceEquals(_children![end - 1].Definition, element))
        {
            return (end, 0);
        }

        var low = 0;
        var high = end - 1;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (_children[middle].Definition!.Order < order)
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
        for (var i = 0; i < _count; i++)
        {
            if (ReferenceEquals(_children![i], child))
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
        for (var i = _count - 1; i >= 0; i--)
        {
            if (string.Equals(_children![i].Name, name, StringComparison.Ordinal))
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
        var copy = new ElementNode(Type, definition) { Value = Value };
        if (_count > 0)
        {
            copy._children = new ElementNode[_count];
            for (var i = 0; i < _count; i++)
            {
                copy._children[i] = _children![i].DeepCopy();
            }

            copy._count = _count;
        }

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

        for (var i = 0; i < _count; i++)
        {
            if (!_children![i].IsExactly(other._children![i]))
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
        Definition = definition;
    }

    /// <inheritdoc />
    public override string ToString() => Value is null ? SerializedName : $"{SerializedName}={Value}";

    /// <summary>
    /// Appends a child in document order without searching for its place; <see cref="RestoreOrder"/> puts the
    /// children back in definition order afterwards. Readers use this so that a document written out of
    /// definition order costs one sort per object instead of one shift per child.
    /// </summary>
    internal void Append(ElementNode child)
    {
        if (_count > 0 && _children![_count - 1].Definition!.Order > child.Definition!.Order)
        {
            _unordered = true;
        }

        if (_children is null || _count == _children.Length)
        {
            Array.Resize(ref _children, _count == 0 ? 4 : _count * 2);
        }

        _children[_count++] = child;
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
            _children = buffer;
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
        var buffer = _children!;
        if (_count == 0)
        {
            _children = null;
            return buffer;
        }

        _children = buffer.AsSpan(0, _count).ToArray();
        Array.Clear(buffer, 0, _count);
        return buffer;
    }

    /// <summary>
    /// A node for a property a reader matched by name: the definitions paired <paramref name="type"/> with
    /// <paramref name="element"/> (a <see cref="PropertyMatch"/>), so the constructor's check is skipped.
    /// </summary>
    internal static ElementNode ForMatch(ElementInfo element, TypeDefinition type, string? value = null) => new(element, type) { Value = value };

    /// <summary>Sorts children appended out of order into definition order, keeping the order within each element.</summary>
    internal void RestoreOrder()
    {
        if (!_unordered)
        {
            return;
        }

        _unordered = false;
        var keys = new long[_count];
        for (var i = 0; i < _count; i++)
        {
            // Unique keys make the unstable Array.Sort keep document order among children of one element.
            keys[i] = ((long)_children![i].Definition!.Order << 32) | (uint)i;
        }

        Array.Sort(keys, _children!, 0, _count);
    }

    /// <summary>Removes every child <paramref name="remove"/> selects, in one pass.</summary>
    internal void RemoveWhere(Func<ElementNode, bool> remove)
    {
        if (_count == 0)
        {
            return;
        }

        var kept = 0;
        for (var i = 0; i < _count; i++)
        {
            if (!remove(_children![i]))
            {
                _children[kept++] = _children[i];
            }
        }

        Array.Clear(_children!, kept, _count - kept);
        _count = kept;
    }

    private static void CheckFits(TypeDefinition type, ElementInfo definition, string parameter)
    {
        if (!definition.CanHold(type))
        {
            throw new ArgumentException($"Element {definition.Path} cannot hold a {type.Name}.", parameter);
        }
    }

    private int InsertionIndex(int order)
    {
        var i = _count;
        while (i > 0 && _children![i - 1].Definition!.Order > order)
        {
            i--;
        }

        return i;
    }

    private void Insert(int index, ElementNode child)
    {
        if (_children is null || _count == _children.Length)
        {
            Array.Resize(ref _children, _count == 0 ? 4 : _count * 2);
        }

        Array.Copy(_children, index, _children, index + 1, _count - index);
        _children[index] = child;
        _count++;
    }

    private void RemoveAt(int index)
    {
        _count--;
        Array.Copy(_children!, index + 1, _children!, index, _count - index);
        _children![_count] = null!;
    }
}
