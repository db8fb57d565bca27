using FhirGateway.Fhir.Model;

namespace FhirGateway.FhirPath.Evaluation;

/// <summary>
/// Duplicate elimination by <c>=</c> for union, distinct() and repeat() (https://hl7.org/fhirpath/N1/#unionother--collection).
/// Small collections are scanned, larger ones hash their strings, Booleans and numbers (Integer and Decimal hash
/// alike, as they compare) and scan only the rest, so a union of thousands of items stays linear.
/// </summary>
internal sealed class DistinctItems
{
    private const int ScanLimit = 16;

    private readonly HashSet<object> _values = [];
    private readonly List<object> _others = [];

    public int Count => _values.Count + _others.Count;

    /// <summary>Appends the items of <paramref name="items"/> not already present (by <c>=</c>) in <paramref name="output"/> from <paramref name="start"/>.</summary>
    public static void Append(List<object> items, List<object> output, int start)
    {
        if (output.Count - start + items.Count <= ScanLimit)
        {
            foreach (var item in items)
            {
                if (!Equality.ContainsEqual(output, item, start))
                {
                    output.Add(item);
                }
            }

            return;
        }

        var seen = new DistinctItems();
        for (var i = start; i < output.Count; i++)
        {
            seen.Add(output[i]);
        }

        foreach (var item in items)
        {
            if (seen.Add(item))
            {
                output.Add(item);
            }
        }
    }

    /// <summary>Whether all items differ (by <c>=</c>).</summary>
    public static bool AllDifferent(List<object> items)
    {
        if (items.Count <= ScanLimit)
        {
            for (var i = 1; i < items.Count; i++)
            {
                if (Equality.ContainsEqual(items, items[i], 0, i))
                {
                    return false;
                }
            }

            return true;
        }

        var seen = new DistinctItems();
        foreach (var item in items)
        {
            if (!seen.Add(item))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Adds an item; false when an equal one is already there.</summary>
    public bool Add(object item)
    {
        var value = SystemValue.Of(item);
        switch (value)
        {
            case long l:
                return _values.Add((decimal)l);
            case decimal or string or bool:
                return _values.Add(value);
            default:
                if (Equality.ContainsEqual(_others, item))
                {
                    return false;
                }

                _others.Add(item);
                return true;
        }
    }

    /// <summary>Adds a node by identity rather than by value (repeat() follows nodes, not their content).</summary>
    public bool AddNode(ElementNode node)
    {
        foreach (var other in _others)
        {
            if (ReferenceEquals(other, node))
            {
                return false;
            }
        }

        _others.Add(node);
        return true;
    }
}
