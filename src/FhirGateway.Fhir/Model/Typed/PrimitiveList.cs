using System.Collections;
using FhirGateway.Fhir.Definitions;

namespace FhirGateway.Fhir.Model;

/// <summary>
/// A live list view of the values of one repeating primitive element (<c>HumanName.given</c>). An item that
/// carries only extensions reads as null; its element, with id and extensions, is reached through the
/// matching <see cref="ElementList{T}"/> property (<c>GivenElement</c>).
/// </summary>
/// <typeparam name="T">The value type (<c>string?</c>, <c>int?</c>, ...).</typeparam>
public sealed class PrimitiveList<T> : IList<T>, IReadOnlyList<T>
{
    private readonly ElementNode _parent;
    private readonly ElementInfo _element;
    private readonly Func<ElementNode, T> _read;
    private readonly Func<T, string?> _write;

    internal PrimitiveList(ElementNode parent, ElementInfo element, Func<ElementNode, T> read, Func<T, string?> write)
    {
        _parent = parent;
        _element = element;
        _read = read;
        _write = write;
    }

    /// <inheritdoc cref="ICollection{T}.Count" />
    public int Count => _parent.RangeOf(_element).Count;

    /// <inheritdoc />
    public bool IsReadOnly => false;

    /// <summary>The value at <paramref name="index"/>; setting null keeps the item only if it has extensions.</summary>
    public T this[int index]
    {
        get => _read(NodeAt(index));
        set
        {
            var node = NodeAt(index);
            var text = _write(value);
            if (text is null && node.ChildCount == 0)
            {
                throw new ArgumentException($"An item of {_element.Path} needs a value or an extension; use RemoveAt to remove it.", nameof(value));
            }

            node.Value = text;
        }
    }

    /// <inheritdoc />
    public void Add(T item) => _parent.Add(NewNode(item));

    /// <inheritdoc />
    public void Insert(int index, T item)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)index, (uint)Count, nameof(index));
        _parent.InsertAt(index, NewNode(item));
    }

    /// <inheritdoc />
    public void RemoveAt(int index) => _parent.Remove(NodeAt(index));

    /// <summary>Removes the first item with an equal value.</summary>
    public bool Remove(T item)
    {
        var i = IndexOf(item);
        if (i < 0)
        {
            return false;
        }

        RemoveAt(i);
        return true;
    }

    /// <inheritdoc />
    public void Clear()
    {
        var (start, count) = _parent.RangeOf(_element);
        for (var i = start + count - 1; i >= start; i--)
        {
            _parent.Remove(_parent[i]);
        }
    }

    /// <inheritdoc />
    public int IndexOf(T item)
    {
        var (start, count) = _parent.RangeOf(_element);
        for (var i = 0; i < count; i++)
        {
            if (EqualityComparer<T>.Default.Equals(_read(_parent[start + i]), item))
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

    /// <summary>Enumerates the values as they are when enumeration starts.</summary>
    public IEnumerator<T> GetEnumerator()
    {
        var (start, count) = _parent.RangeOf(_element);
        var values = new T[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = _read(_parent[start + i]);
        }

        return ((IEnumerable<T>)values).GetEnumerator();
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private ElementNode NewNode(T item) =>
        new(_element.Types[0], _element)
        {
            Value = _write(item) ?? throw new ArgumentException($"An item of {_element.Path} needs a value; add one with extensions through the element list.", nameof(item)),
        };

    private ElementNode NodeAt(int index)
    {
        var (start, count) = _parent.RangeOf(_element);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)count, nameof(index));
        return _parent[start + index];
    }
}
