using FhirGateway.Fhir.Definitions;
using FhirGateway.FhirPath.Evaluation;

namespace FhirGateway.FhirPath.Typing;

/// <summary>
/// What the static checks know about the items an expression yields: a set of FHIR types and System types, or
/// nothing (unknown), and whether the collection has a defined order.
/// </summary>
internal sealed class StaticType
{
    private StaticType(IReadOnlyList<TypeDefinition> fhir, SystemKinds system, bool isUnknown, bool unordered)
    {
        Fhir = fhir;
        System = system;
        IsUnknown = isUnknown;
        Unordered = unordered;
    }

    public static StaticType Unknown { get; } = new([], SystemKinds.None, true, false);

    public static StaticType Empty { get; } = new([], SystemKinds.None, false, false);

    public IReadOnlyList<TypeDefinition> Fhir { get; }

    public SystemKinds System { get; }

    public bool IsUnknown { get; }

    public bool Unordered { get; }

    public static StaticType Of(SystemKinds system) => new([], system, false, false);

    public static StaticType Of(IReadOnlyList<TypeDefinition> fhir) => new(fhir, SystemKinds.None, false, false);

    public StaticType WithOrder(bool unordered) => unordered == Unordered ? this : new(Fhir, System, IsUnknown, unordered);

    public StaticType Union(StaticType other)
    {
        if (IsUnknown || other.IsUnknown)
        {
            return Unknown.WithOrder(Unordered || other.Unordered);
        }

        var fhir = new List<TypeDefinition>(Fhir);
        foreach (var t in other.Fhir)
        {
            if (!fhir.Contains(t))
            {
                fhir.Add(t);
            }
        }

        return new StaticType(fhir, System | other.System, false, Unordered || other.Unordered);
    }

    /// <summary>The System types the items are or convert to (FHIR primitives and Quantity included); All when unknown.</summary>
    public SystemKinds Primitives
    {
        get
        {
            if (IsUnknown)
            {
                return (SystemKinds)0xFF;
            }

            var kinds = System;
            foreach (var t in Fhir)
            {
                kinds |= ToKinds(SystemValue.KindOf(t));
            }

            return kinds;
        }
    }

    /// <summary>Whether some item may be a complex (non-primitive, non-Quantity) FHIR value.</summary>
    public bool MayBeComplex
    {
        get
        {
            if (IsUnknown)
            {
                return true;
            }

            foreach (var t in Fhir)
            {
                if (SystemValue.KindOf(t) == SystemKind.None)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>Whether nothing at all is known to be yielded (the empty collection literal).</summary>
    public bool IsEmpty => !IsUnknown && Fhir.Count == 0 && System == SystemKinds.None;

    public static SystemKinds ToKinds(SystemKind kind) => kind switch
    {
        SystemKind.Boolean => SystemKinds.Boolean,
        SystemKind.Integer => SystemKinds.Integer,
        SystemKind.Decimal => SystemKinds.Decimal,
        SystemKind.String => SystemKinds.String,
        SystemKind.Date => SystemKinds.Date,
        SystemKind.DateTime => SystemKinds.DateTime,
        SystemKind.Time => SystemKinds.Time,
        SystemKind.Quantity => SystemKinds.Quantity,
        _ => SystemKinds.None,
    };

    public override string ToString()
    {
        if (IsUnknown)
        {
            return "Any";
        }

        var names = new List<string>();
        foreach (var t in Fhir)
        {
            names.Add(t.Name);
        }

        if (System != SystemKinds.None)
        {
            names.Add("System." + System);
        }

        return names.Count == 0 ? "{ }" : string.Join(" | ", names);
    }
}
