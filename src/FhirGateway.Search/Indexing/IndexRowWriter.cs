using System.Globalization;
using FhirGateway.Fhir.Model;
using FhirGateway.FhirPath.Units;
using FhirGateway.Search.Registry;
using FhirGateway.Storage.Indexing;

namespace FhirGateway.Search.Indexing;

/// <summary>
/// Turns the values a parameter's expression selects into index rows, by the parameter's type and each value's FHIR
/// type, as https://hl7.org/fhir/R4/search.html describes for each parameter type. Values a type cannot index (a
/// Range in a date parameter, say) make no rows.
/// </summary>
internal sealed class IndexRowWriter(IReadOnlyList<string> localBases)
{
    /// <summary>The UCUM code system (https://hl7.org/fhir/R4/datatypes.html#Quantity).</summary>
    public const string Ucum = "http://unitsofmeasure.org";

    /// <summary>The currency code system of Money (https://hl7.org/fhir/R4/datatypes.html#Money).</summary>
    public const string Currency = "urn:iso:std:iso:4217";

    /// <summary>The suffix of the rows <c>:of-type</c> searches (identifier type and value).</summary>
    public const string OfTypeSuffix = ":of-type";

    /// <summary>The suffix of the rows <c>:identifier</c> searches on reference parameters (Reference.identifier).</summary>
    public const string IdentifierSuffix = ":identifier";

    /// <summary>
    /// The suffix of a quantity parameter's rows in canonical UCUM units (<c>value-quantity:canonical</c>), which only
    /// a search with a UCUM unit reads.
    /// </summary>
    public const string CanonicalSuffix = ":canonical";

    private static readonly HashSet<string> QuantityTypes = new(StringComparer.Ordinal)
    {
        "Quantity", "Age", "Count", "Distance", "Duration", "SimpleQuantity", "MoneyQuantity",
    };

    // https://hl7.org/fhir/R4/search.html#string: HumanName and Address index each of their parts.
    private static readonly string[] HumanNameParts = ["family", "given", "prefix", "suffix", "text"];
    private static readonly string[] AddressParts = ["line", "city", "district", "state", "postalCode", "country", "text"];

    /// <summary>
    /// Whether values of the FHIR type <paramref name="typeName"/> can make rows of a parameter of
    /// <paramref name="type"/>; true unless known not to (a SampledData makes no quantity rows).
    /// </summary>
    public static bool MakesRows(SearchParamType type, string typeName) =>
        type != SearchParamType.Quantity || QuantityTypes.Contains(typeName) || typeName is "Money" or "Range";

    /// <summary>Adds the rows of one value of <paramref name="resource"/>.</summary>
    public void Add(List<IndexRow> rows, string code, SearchParamType type, object item, ElementNode resource)
    {
        if (item is not ElementNode node)
        {
            AddSystemValue(rows, code, type, item);
            return;
        }

        switch (type)
        {
            case SearchParamType.String:
                AddString(rows, code, node);
                break;
            case SearchParamType.Token:
                AddToken(rows, code, node);
                break;
            case SearchParamType.Date:
                AddDate(rows, code, node);
                break;
            case SearchParamType.Reference:
                AddReference(rows, code, node, resource);
                break;
            case SearchParamType.Quantity:
                AddQuantity(rows, code, node);
                break;
            case SearchParamType.Number:
                if (node.Type.IsPrimitive && TryDecimal(node.Value, out var number))
                {
                    rows.Add(IndexRow.ForNumber(code, number));
                }

                break;
            case SearchParamType.Uri:
                if (node.Type.IsPrimitive && node.Value is { Length: > 0 } uri)
                {
                    rows.Add(IndexRow.ForUri(code, uri));
                    if (Unversioned(uri) is { } plain)
                    {
                        rows.Add(IndexRow.ForUri(code, plain));
                    }
                }

                break;
        }
    }

    private static void AddSystemValue(List<IndexRow> rows, string code, SearchParamType type, object item)
    {
        // Expressions seldom yield system values (a constant, a %resource path of strings); index the plain ones.
        var text = item switch
        {
            string s => s,
            bool b => b ? "true" : "false",
            long or int or decimal => Convert.ToString(item, CultureInfo.InvariantCulture),
            _ => null,
        };
        if (text is null)
        {
            return;
        }

        switch (type)
        {
            case SearchParamType.String:
                rows.Add(IndexRow.ForString(code, TextFolding.Normalize(text), text));
                break;
            case SearchParamType.Token:
                rows.Add(IndexRow.ForToken(code, null, text));
                break;
            case SearchParamType.Number when TryDecimal(text, out var number):
                rows.Add(IndexRow.ForNumber(code, number));
                break;
            case SearchParamType.Uri when text.Length > 0:
                rows.Add(IndexRow.ForUri(code, text));
                break;
        }
    }

    // https://hl7.org/fhir/R4/search.html#string: HumanName and Address index each of their parts.
    private static void AddString(List<IndexRow> rows, string code, ElementNode node)
    {
        if (node.Type.IsPrimitive)
        {
            AddText(rows, code, node.Value);
            return;
        }

        foreach (var part in StringParts(node.Type.Name))
        {
            foreach (var child in node.ChildrenNamed(part))
            {
                AddText(rows, code, child.Value);
            }
        }
    }

    /// <summary>
    /// The elements of a complex type whose texts a string parameter on that type indexes (each one's rows are those of
    /// a string parameter on the element itself); empty for other types.
    /// </summary>
    internal static IReadOnlyList<string> StringParts(string typeName) => typeName switch
    {
        "HumanName" => HumanNameParts,
        "Address" => AddressParts,
        _ => [],
    };

    private static void AddText(List<IndexRow> rows, string code, string? text)
    {
        if (!string.IsNullOrWhiteSpace(text))
        {
            rows.Add(IndexRow.ForString(code, TextFolding.Normalize(text), text));
        }
    }

    // https://hl7.org/fhir/R4/search.html#token
    private static void AddToken(List<IndexRow> rows, string code, ElementNode node)
    {
        switch (node.Type.Name)
        {
            case "Coding":
                AddCoding(rows, code, node);
                break;
            case "CodeableConcept":
                foreach (var coding in node.ChildrenNamed("coding"))
                {
                    AddCoding(rows, code, coding);
                }

                if (Text(node.Child("text")) is { } conceptText)
                {
                    rows.Add(IndexRow.ForToken(code, null, null, conceptText));
                }

                break;
            case "Identifier":
                AddIdentifier(rows, code, node);
                break;
            case "ContactPoint":
            {
                // The value is the code; ContactPoint.system (phone, email, ...) serves as the system.
                var value = node.Child("value")?.Value;
                var system = node.Child("system")?.Value;
                if (value is not null)
                {
                    rows.Add(IndexRow.ForToken(code, system, value));
                }

                break;
            }

            default:
                if (node.Type.IsPrimitive && node.Value is { Length: > 0 } primitive)
                {
                    // A code's system is that of its required binding, when the bound value set has one.
                    var system = node.Type.Name == "code" && node.Definition is { } element ? BoundCodeSystems.ForPath(element.Path) : null;
                    rows.Add(IndexRow.ForToken(code, system, primitive));
                }

                break;
        }
    }

    private static void AddCoding(List<IndexRow> rows, string code, ElementNode coding)
    {
        var system = coding.Child("system")?.Value;
        var value = coding.Child("code")?.Value;
        var display = Text(coding.Child("display"));
        if (system is not null || value is not null || display is not null)
        {
            rows.Add(IndexRow.ForToken(code, system, value, display));
        }
    }

    private static void AddIdentifier(List<IndexRow> rows, string code, ElementNode identifier)
    {
        var system = identifier.Child("system")?.Value;
        var value = identifier.Child("value")?.Value;
        var type = identifier.Child("type");
        var typeText = type is null ? null : Text(type.Child("text")) ?? type.ChildrenNamed("coding").Select(c => Text(c.Child("display"))).FirstOrDefault(t => t is not null);
        if (system is not null || value is not null || typeText is not null)
        {
            rows.Add(IndexRow.ForToken(code, system, value, typeText));
        }

        // https://hl7.org/fhir/R4/search.html#token: identifier:of-type=[type system]|[type code]|[value].
        if (type is not null && value is not null)
        {
            foreach (var coding in type.ChildrenNamed("coding"))
            {
                if (coding.Child("code")?.Value is { } typeCode)
                {
                    rows.Add(IndexRow.ForToken(code + OfTypeSuffix, coding.Child("system")?.Value, typeCode + "|" + value));
                }
            }
        }
    }

    private static string? Text(ElementNode? node) =>
        node?.Value is { } text && !string.IsNullOrWhiteSpace(text) ? TextFolding.Normalize(text) : null;

    // https://hl7.org/fhir/R4/search.html#date: date, dateTime, instant, Period and Timing cover periods of time.
    private static void AddDate(List<IndexRow> rows, string code, ElementNode node)
    {
        switch (node.Type.Name)
        {
            case "Period":
            {
                var start = node.Child("start")?.Value;
                var end = node.Child("end")?.Value;
                if (start is null && end is null)
                {
                    return;
                }

                var low = FhirDateRange.Min;
                var high = FhirDateRange.Max;
                if ((start is not null && !FhirDateRange.TryParse(start, out low, out _)) || (end is not null && !FhirDateRange.TryParse(end, out _, out high)))
                {
                    return;
                }

                if (high >= low)
                {
                    rows.Add(IndexRow.ForDate(code, low, high));
                }

                return;
            }

            case "Timing":
            {
                // From the first event (or the start of the bounds) to the last event (or the end of the bounds).
                DateTimeOffset? first = null, last = null;
                foreach (var e in node.ChildrenNamed("event"))
                {
                    if (e.Value is { } text && FhirDateRange.TryParse(text, out var low, out var high))
                    {
                        first = first is null || low < first ? low : first;
                        last = last is null || high > last ? high : last;
                    }
                }

                if (node.Child("repeat")?.Child("bounds") is { Type.Name: "Period" } bounds)
                {
                    var before = rows.Count;
                    AddDate(rows, code, bounds);
                    if (rows.Count > before)
                    {
                        var period = rows[^1];
                        rows.RemoveAt(rows.Count - 1);
                        first = first is null || period.Low < first ? period.Low : first;
                        last = last is null || period.High > last ? period.High : last;
                    }
                }

                if (first is { } f && last is { } l)
                {
                    rows.Add(IndexRow.ForDate(code, f, l));
                }

                return;
            }

            default:
                if (node.Type.Name is "date" or "dateTime" or "instant" && node.Value is { } value && FhirDateRange.TryParse(value, out var from, out var to))
                {
                    rows.Add(IndexRow.ForDate(code, from, to));
                }

                return;
        }
    }

    // https://hl7.org/fhir/R4/search.html#reference
    private void AddReference(List<IndexRow> rows, string code, ElementNode node, ElementNode resource)
    {
        if (node.IsResource)
        {
            // An expression that selects a resource (Bundle.entry[0].resource) refers to it by type and id.
            if (node.Child("id")?.Value is { } resourceId)
            {
                rows.Add(IndexRow.ForReference(code, node.Type.Name, resourceId, null));
            }

            return;
        }

        if (node.Type.IsPrimitive)
        {
            // canonical, uri, url: a URL, also without its |version.
            if (node.Value is { Length: > 0 } url)
            {
                AddUrl(rows, code, url);
            }

            return;
        }

        if (node.Type.Name != "Reference")
        {
            return;
        }

        if (node.Child("reference")?.Value is { Length: > 0 } reference)
        {
            AddReferenceText(rows, code, reference, resource);
        }

        if (node.Child("identifier") is { } identifier)
        {
            AddIdentifier(rows, code + IdentifierSuffix, identifier);
        }
    }

    private void AddReferenceText(List<IndexRow> rows, string code, string reference, ElementNode resource)
    {
        if (reference[0] == '#')
        {
            // A contained resource: kept by its local URL, with its type when the container has it.
            rows.Add(IndexRow.ForReference(code, ContainedType(resource, reference), null, reference));
            return;
        }

        if (ReferenceText.IsAbsolute(reference))
        {
            if (ReferenceText.Local(reference, localBases) is var (localType, localId))
            {
                rows.Add(IndexRow.ForReference(code, localType, localId, reference));
            }
            else
            {
                AddUrl(rows, code, reference);
            }

            return;
        }

        if (ReferenceText.TypeAndId(reference) is var (type, id))
        {
            rows.Add(IndexRow.ForReference(code, type, id, null));
        }
    }

    private static void AddUrl(List<IndexRow> rows, string code, string url)
    {
        rows.Add(IndexRow.ForReference(code, null, null, url));
        if (Unversioned(url) is { } plain)
        {
            rows.Add(IndexRow.ForReference(code, null, null, plain));
        }
    }

    /// <summary>A canonical URL without its <c>|version</c> (https://hl7.org/fhir/R4/references.html#canonical), or null.</summary>
    private static string? Unversioned(string url)
    {
        var bar = url.IndexOf('|', StringComparison.Ordinal);
        return bar > 0 ? url[..bar] : null;
    }

    private static string? ContainedType(ElementNode resource, string reference)
    {
        var id = reference.AsSpan(1);
        foreach (var contained in resource.ChildrenNamed("contained"))
        {
            if (id.SequenceEqual(contained.Child("id")?.Value))
            {
                return contained.Type.Name;
            }
        }

        return id.IsEmpty ? resource.Type.Name : null;
    }

    // https://hl7.org/fhir/R4/search.html#quantity: the value as written, and in canonical UCUM units.
    private static void AddQuantity(List<IndexRow> rows, string code, ElementNode node)
    {
        if (QuantityTypes.Contains(node.Type.Name))
        {
            if (!TryDecimal(node.Child("value")?.Value, out var value))
            {
                return;
            }

            AddQuantityRows(rows, code, value, value, node.Child("system")?.Value, node.Child("code")?.Value, node.Child("unit")?.Value);
        }
        else if (node.Type.Name == "Money")
        {
            if (TryDecimal(node.Child("value")?.Value, out var amount))
            {
                rows.Add(IndexRow.ForQuantity(code, amount, Currency, node.Child("currency")?.Value));
            }
        }
        else if (node.Type.Name == "Range")
        {
            var low = node.Child("low");
            var high = node.Child("high");
            var hasLow = TryDecimal(low?.Child("value")?.Value, out var lowValue);
            var hasHigh = TryDecimal(high?.Child("value")?.Value, out var highValue);
            if (!hasLow && !hasHigh)
            {
                return;
            }

            var unit = hasLow ? low! : high!;
            AddQuantityRows(
                rows, code, hasLow ? lowValue : decimal.MinValue, hasHigh ? highValue : decimal.MaxValue,
                unit.Child("system")?.Value, unit.Child("code")?.Value, unit.Child("unit")?.Value);
        }
    }

    private static void AddQuantityRows(List<IndexRow> rows, string code, decimal low, decimal high, string? system, string? unitCode, string? unit)
    {
        if (high < low)
        {
            return;
        }

        rows.Add(IndexRow.ForQuantity(code, low, high, system, unitCode ?? unit));
        if (unit is not null && unitCode is not null && unit != unitCode)
        {
            // "5.4||mg" matches the code or the human-readable unit.
            rows.Add(IndexRow.ForQuantity(code, low, high, null, unit));
        }

        // The canonical form goes under a code of its own, even when it is the value as written: a search without a
        // unit matches the value as recorded, whatever its unit, so it must not see 66.9 [in_i] as 1.699 m (and ne,
        // :missing and _sort must not either); a search with a UCUM unit reads these rows alone.
        if (system == Ucum && unitCode is not null &&
            Canonical(low, unitCode, out var canonicalLow, out var canonicalUnit) && Canonical(high, unitCode, out var canonicalHigh, out _))
        {
            rows.Add(IndexRow.ForQuantity(code + CanonicalSuffix, canonicalLow, canonicalHigh, Ucum, canonicalUnit));
        }
    }

    private static bool Canonical(decimal value, string unit, out decimal canonical, out string canonicalUnit)
    {
        canonicalUnit = string.Empty;
        canonical = value;
        if (value == decimal.MinValue || value == decimal.MaxValue)
        {
            // An open end of a range stays open.
            return UcumCanonical.TryCanonicalize(1, unit, out _, out canonicalUnit);
        }

        return UcumCanonical.TryCanonicalize(value, unit, out canonical, out canonicalUnit);
    }

    private static bool TryDecimal(string? text, out decimal value)
    {
        value = 0;
        return text is not null && decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out value);
    }
}
