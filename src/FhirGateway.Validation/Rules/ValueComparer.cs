using System.Globalization;
using FhirGateway.Fhir.Model;

namespace FhirGateway.Validation.Rules;

/// <summary>
/// Equality for fixed values and containment for patterns (https://hl7.org/fhir/R4/elementdefinition-definitions.html#ElementDefinition.fixed_x_
/// and #ElementDefinition.pattern_x_). Element ids and extensions the instance adds are ignored by both.
/// </summary>
internal static class ValueComparer
{
    /// <summary>Whether <paramref name="actual"/> is exactly <paramref name="expected"/> (ignoring ids and extensions it adds).</summary>
    public static bool FixedEquals(ElementNode actual, ElementNode expected)
    {
        if (expected.Type.IsPrimitive && !PrimitiveEquals(actual, expected))
        {
            return false;
        }

        var counted = 0;
        foreach (var child in actual.Children)
        {
            if (child.Name is not ("id" or "extension"))
            {
                counted++;
            }
        }

        var expectedCount = 0;
        var i = 0;
        var expectedChildren = expected.Children;
        while (i < expectedChildren.Length)
        {
            var name = expectedChildren[i].Name;
            var j = i;
            while (j < expectedChildren.Length && expectedChildren[j].Name == name)
            {
                j++;
            }

            if (name is "id" or "extension")
            {
                i = j;
                continue;
            }

            expectedCount += j - i;
            var k = 0;
            foreach (var child in actual.Children)
            {
                if (child.Name != name)
                {
                    continue;
                }

                if (i + k >= j || !FixedEquals(child, expectedChildren[i + k]))
                {
                    return false;
                }

                k++;
            }

            if (k != j - i)
            {
                return false;
            }

            i = j;
        }

        return counted == expectedCount;
    }

    /// <summary>Whether <paramref name="actual"/> contains everything <paramref name="pattern"/> has.</summary>
    public static bool Matches(ElementNode actual, ElementNode pattern)
    {
        if (pattern.Type.IsPrimitive && pattern.Value is not null && !PrimitiveEquals(actual, pattern))
        {
            return false;
        }

        foreach (var p in pattern.Children)
        {
            if (p.Name is "id")
            {
                continue;
            }

            var found = false;
            foreach (var child in actual.Children)
            {
                if (child.Name == p.Name && Matches(child, p))
                {
                    found = true;
                    break;
                }
            }

            if (!found)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Primitive values compared as written, decimals by value.</summary>
    public static bool PrimitiveEquals(ElementNode actual, ElementNode expected)
    {
        if (string.Equals(actual.Value, expected.Value, StringComparison.Ordinal))
        {
            return true;
        }

        return actual.Type.SystemType == "Decimal" && expected.Type.SystemType == "Decimal" &&
               decimal.TryParse(actual.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var a) &&
               decimal.TryParse(expected.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var b) && a == b;
    }
}
