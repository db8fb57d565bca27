using System.Globalization;
using FhirGateway.Fhir.Definitions;
using FhirGateway.Fhir.Model;
using FhirGateway.FhirPath.Values;
using Quantity = FhirGateway.FhirPath.Values.Quantity;

namespace FhirGateway.FhirPath.Evaluation;

/// <summary>
/// The implicit conversion of FHIR primitives to FHIRPath system types
/// (https://hl7.org/fhir/R4/fhirpath.html#types: a FHIR primitive is treated as its System type in operators
/// and functions), and typed access to items for the operators and functions.
/// </summary>
internal static class SystemValue
{
    private const string UcumSystem = "http://unitsofmeasure.org";

    /// <summary>The system type a FHIR primitive type converts to.</summary>
    public static SystemKind KindOf(TypeDefinition type) => type.SystemType switch
    {
        "Boolean" => SystemKind.Boolean,
        "Integer" => SystemKind.Integer,
        "Decimal" => SystemKind.Decimal,
        "Date" => SystemKind.Date,
        "DateTime" => SystemKind.DateTime,
        "Time" => SystemKind.Time,
        _ => type.IsPrimitive ? SystemKind.String : IsQuantity(type) ? SystemKind.Quantity : SystemKind.None,
    };

    /// <summary>The system type of an item (after implicit conversion); None for other nodes.</summary>
    public static SystemKind KindOf(object item) => item switch
    {
        bool => SystemKind.Boolean,
        long or int => SystemKind.Integer,
        decimal => SystemKind.Decimal,
        string => SystemKind.String,
        PartialDate => SystemKind.Date,
        PartialDateTime => SystemKind.DateTime,
        PartialTime => SystemKind.Time,
        Quantity => SystemKind.Quantity,
        ElementNode n => KindOf(n.Type),
        _ => SystemKind.None,
    };

    /// <summary>
    /// The system value of an item: system values as they are, FHIR primitives converted, FHIR Quantity (and its
    /// specialisations) as a System Quantity, other nodes unchanged. Null for a primitive without a value or
    /// with a value that does not convert.
    /// </summary>
    public static object? Of(object item)
    {
        if (item is not ElementNode node)
        {
            return item is int i ? (long)i : item;
        }

        if (!node.Type.IsPrimitive)
        {
            return IsQuantity(node.Type) ? QuantityOf(node) : node;
        }

        var text = node.Value;
        if (text is null)
        {
            return null;
        }

        switch (KindOf(node.Type))
        {
            case SystemKind.Boolean:
                return text == "true" ? Boxes.True : text == "false" ? Boxes.False : null;
            case SystemKind.Integer:
                return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) ? Boxes.Integer(l) : null;
            case SystemKind.Decimal:
                return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;
            case SystemKind.Date:
                return PartialDate.TryParse(text, out var date) ? date : null;
            case SystemKind.DateTime:
                return PartialDateTime.TryParse(text, out var dateTime) ? dateTime : null;
            case SystemKind.Time:
                return PartialTime.TryParse(text, out var time) ? time : null;
            default:
                return text;
        }
    }

    public static bool IsQuantity(TypeDefinition type)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            if (t.Name == "Quantity")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A FHIR Quantity as a System Quantity: the UCUM code when the system is UCUM, otherwise the unit text
    /// (https://hl7.org/fhir/R4/fhirpath.html#quantity).
    /// </summary>
    public static object? QuantityOf(ElementNode node)
    {
        string? value = null, unit = null, system = null, code = null;
        foreach (var child in node.Children)
        {
            switch (child.Name)
            {
                case "value": value = child.Value; break;
                case "unit": unit = child.Value; break;
                case "system": system = child.Value; break;
                case "code": code = child.Value; break;
            }
        }

        if (value is null || !decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
        {
            return null;
        }

        var u = (system == UcumSystem ? code : null) ?? unit ?? code ?? "1";
        return new Quantity(v, u);
    }

    public static bool TryString(object item, out string value)
    {
        switch (item)
        {
            case string s:
                value = s;
                return true;
            case ElementNode { Value: { } text } n when KindOf(n.Type) == SystemKind.String:
                value = text;
                return true;
            default:
                value = string.Empty;
                return false;
        }
    }

    public static bool TryInteger(object item, out long value)
    {
        switch (Of(item))
        {
            case long l:
                value = l;
                return true;
            default:
                value = 0;
                return false;
        }
    }

    /// <summary>Integer or Decimal, integers promoted (https://hl7.org/fhirpath/N1/#conversion).</summary>
    public static bool TryDecimal(object item, out decimal value)
    {
        switch (Of(item))
        {
            case long l:
                value = l;
                return true;
            case decimal d:
                value = d;
                return true;
            default:
                value = 0;
                return false;
        }
    }

    public static bool TryBoolean(object item, out bool value)
    {
        switch (Of(item))
        {
            case bool b:
                value = b;
                return true;
            default:
                value = false;
                return false;
        }
    }

    /// <summary>The System type name of a system value (for <c>type()</c> and messages).</summary>
    public static string SystemTypeName(SystemKind kind) => kind switch
    {
        SystemKind.Boolean => "Boolean",
        SystemKind.Integer => "Integer",
        SystemKind.Decimal => "Decimal",
        SystemKind.String => "String",
        SystemKind.Date => "Date",
        SystemKind.DateTime => "DateTime",
        SystemKind.Time => "Time",
        SystemKind.Quantity => "Quantity",
        _ => "Any",
    };

    /// <summary>A short description of an item's type for error messages.</summary>
    public static string Describe(object item) => item switch
    {
        ElementNode n => n.Type.Name,
        FhirPathTypeInfo => "TypeInfo",
        _ => SystemTypeName(KindOf(item)),
    };
}
