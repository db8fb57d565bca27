using System.Globalization;
using System.Text;

namespace FhirGateway.FhirPath.Units;

/// <summary>
/// Converts UCUM quantities to one canonical unit per dimension, so that quantities written in different units of
/// the same kind compare (https://hl7.org/fhir/R4/search.html#quantity: a server may compare in canonical units).
/// The canonical unit is the product of the base units FHIRPath's unit engine reduces to (metre, gram, second,
/// radian, kelvin, coulomb, candela, mole), written as a UCUM expression such as <c>g.m-3</c>; a dimensionless
/// quantity has unit <c>1</c>.
/// </summary>
public static class UcumCanonical
{
    private static readonly string[] BaseUnits = ["m", "g", "s", "rad", "K", "C", "cd", "mol", "mo"];

    /// <summary>
    /// The value in canonical units and the canonical unit, or false when the unit is not a UCUM expression the
    /// engine can convert.
    /// </summary>
    public static bool TryCanonicalize(decimal value, string unit, out decimal canonicalValue, out string canonicalUnit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        canonicalValue = 0;
        canonicalUnit = string.Empty;
        var form = Ucum.Parse(unit);
        if (form is null)
        {
            return false;
        }

        try
        {
            // Dividing by 1 written with 28 decimals drops trailing zeros: 5000.00 mg is 5 g, not 5.00000 g.
            canonicalValue = form.ToBase(value) / 1.0000000000000000000000000000m;
        }
        catch (OverflowException)
        {
            return false;
        }

        canonicalUnit = UnitOf(form.Dimensions);
        return true;
    }

    private static string UnitOf(sbyte[] dimensions)
    {
        var text = new StringBuilder();
        for (var i = 0; i < dimensions.Length && i < BaseUnits.Length; i++)
        {
            if (dimensions[i] == 0)
            {
                continue;
            }

            if (text.Length > 0)
            {
                text.Append('.');
            }

            text.Append(BaseUnits[i]);
            if (dimensions[i] != 1)
            {
                text.Append(dimensions[i].ToString(CultureInfo.InvariantCulture));
            }
        }

        return text.Length == 0 ? "1" : text.ToString();
    }
}
