using System.Collections;
using FhirGateway.Fhir.Definitions;

namespace FhirGateway.Fhir.Model;

/// <summary>
/// A live list view of one repeating element of a node: reading goes to the node's children, and adding,
/// inserting or removing items adds and removes child nodes, which the node keeps in definition order. An
/// item created on its own (<c>new HumanName()</c>) becomes part of the tree, so its view stays live; an
/// item taken from another element is copied.
/// </summary>
/// <typeparam name="T">The item class.</typeparam>
public sealed class ElementList<T> : IList<T>, IReadOnlyList<T>
    where T : FhirObject
{
    private readonly ElementNode _parent;
    private readonly ElementInfo _element;

    internal ElementList(ElementNode parent, ElementInfo element)
    {
        _parent = parent;
        _element = element;
    }

    /// <inheritdoc cref="ICollection{T}.Count" />
    public int Count => _parent.RangeOf(_element).Count;

    /// <inheritdoc />
    public bool IsReadOnly => false;

    /// <inheritdoc cref="IList{T}.this" />
    public T this[int index]
    {
        get => FhirObject.Wrap<T>(NodeAt(index));
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            var old = NodeAt(index);
            var node = FhirObject.Attachable(value.Node, _element);
            if (!ReferenceEquals(old, node))
            {
                _parent.Remove(old);
                _parent.InsertAt(index, node);
            }
        }
    }

    /// <inheritdoc />
    public void Add(T item)
    {
        ArgumentNullException.ThrowIfNull(item);
        _parent.Add(FhirObject.Attachable(item.Node, _element));
    }

    /// <inheritdoc />
    public void Insert(int index, T item)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)index, (uint)Count, nameof(index));
        _parent.InsertAt(index, FhirObject.Attachable(item.Node, _element));
    }

    /// <inheritdoc />
    public void RemoveAt(int index) => _parent.Remove(NodeAt(index));

    /// <inheritdoc />
    public bool Remove(T item) => item is not null && IndexOf(item) >= 0 && _parent.Remove(item.Node);

    /// <inheritdoc />
    public void Clear()
    {
        var (start, count) = _parent.RangeOf(_element);
        for (var i = start + count - 1; i >= start; i--)
        {
            _parent.Remove(_parent[i]);
        }
    }

    /// <summary>The position of the item viewing the same node, or -1.</summary>
    public int IndexOf(T item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var (start, count) = _parent.RangeOf(_element);
        for (var i = 0; i < count; i++)
        {
            if (ReferenceEquals(_parent[start + i], item.Node))
            {
                return i;
            }
        }

        return -1;
    }

    /// <inheritdoc />
    public bool Contains(T item) => IndexOf(item) >= 0;

    /// <inheritdoc />
    public void CopyTo(T[] array, int arrayIndex)
    {
        ArgumentNullException.ThrowIfNull(array);
        foreach (var item in this)
        {
            array[arrayIndex++] = item;
        }
    }

    /// <summary>Enumerates the items as they are when enumeration starts.</summary>
    public IEnumerator<T> GetEnumerator()
    {
        var (start, count) = _parent.RangeOf(_element);
        var nodes = _parent.Children.Slice(start, count).ToArray();
        foreach (var node in nodes)
        {
            yield return FhirObject.Wrap<T>(node);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private ElementNode NodeAt(int index)
    {
        var (start, count) = _parent.RangeOf(_element);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)count, nameof(index));
        return _parent[start + index];
    }
}
