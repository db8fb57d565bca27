using System.Collections.Frozen;

namespace FhirGateway.FhirPath.Units;

/// <summary>
/// The UCUM units this engine converts (https://ucum.org/ucum): the base units, the common SI-derived units
/// and the customary units clinical data uses. Units not listed here still compare with units written the same
/// way, but do not convert. Factors reduce to metre, gram, second, radian, kelvin, coulomb, candela and mole
/// (mole is kept as a base unit rather than UCUM's 6.0221367e23).
/// </summary>
internal static class UcumAtoms
{
    private const int M = 0, G = 1, S = 2, Rad = 3, K = 4, C = 5, Cd = 6, Mol = 7;

    /// <summary>The metric prefixes (UCUM table 1).</summary>
    public static readonly FrozenDictionary<string, decimal> Prefixes = new Dictionary<string, decimal>(StringComparer.Ordinal)
    {
        ["Y"] = 1e24m, ["Z"] = 1e21m, ["E"] = 1e18m, ["P"] = 1e15m, ["T"] = 1e12m, ["G"] = 1e9m, ["M"] = 1e6m,
        ["k"] = 1e3m, ["h"] = 1e2m, ["da"] = 1e1m, ["d"] = 1e-1m, ["c"] = 1e-2m, ["m"] = 1e-3m, ["u"] = 1e-6m,
        ["n"] = 1e-9m, ["p"] = 1e-12m, ["f"] = 1e-15m, ["a"] = 1e-18m, ["z"] = 1e-21m, ["y"] = 1e-24m,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Unit atoms with their form and whether they take metric prefixes.</summary>
    public static readonly FrozenDictionary<string, (UnitForm Form, bool Metric)> Atoms = Build();

    private static FrozenDictionary<string, (UnitForm, bool)> Build()
    {
        var a = new Dictionary<string, (UnitForm, bool)>(StringComparer.Ordinal);

        void Add(string code, UnitForm form, bool metric) => a[code] = (form, metric);
        UnitForm D(decimal factor, int m = 0, int g = 0, int s = 0, int rad = 0, int k = 0, int c = 0, int cd = 0, int mol = 0) =>
            new(factor, [(sbyte)m, (sbyte)g, (sbyte)s, (sbyte)rad, (sbyte)k, (sbyte)c, (sbyte)cd, (sbyte)mol, 0]);

        // Base units.
        Add("m", UnitForm.Dimension(M), true);
        Add("g", UnitForm.Dimension(G), true);
        Add("s", UnitForm.Dimension(S), true);
        Add("rad", UnitForm.Dimension(Rad), true);
        Add("K", UnitForm.Dimension(K), true);
        Add("C", UnitForm.Dimension(C), true);
        Add("cd", UnitForm.Dimension(Cd), true);
        Add("mol", UnitForm.Dimension(Mol), true);

        // Dimensionless.
        Add("1", UnitForm.Unity(), false);
        Add("10*", UnitForm.Unity(10), false);
        Add("10^", UnitForm.Unity(10), false);
        Add("%", UnitForm.Unity(0.01m), false);
        Add("[ppth]", UnitForm.Unity(1e-3m), false);
        Add("[ppm]", UnitForm.Unity(1e-6m), false);
        Add("[ppb]", UnitForm.Unity(1e-9m), false);
        Add("[pptr]", UnitForm.Unity(1e-12m), false);

        // SI derived units.
        Add("sr", D(1, rad: 2), true);
        Add("Hz", D(1, s: -1), true);
        Add("N", D(1000, m: 1, g: 1, s: -2), true);
        Add("Pa", D(1000, m: -1, g: 1, s: -2), true);
        Add("J", D(1000, m: 2, g: 1, s: -2), true);
        Add("W", D(1000, m: 2, g: 1, s: -3), true);
        Add("A", D(1, s: -1, c: 1), true);
        Add("V", D(1000, m: 2, g: 1, s: -2, c: -1), true);
        Add("F", D(0.001m, m: -2, g: -1, s: 2, c: 2), true);
        Add("Ohm", D(1000, m: 2, g: 1, s: -1, c: -2), true);
        Add("S", D(0.001m, m: -2, g: -1, s: 1, c: 2), true);
        Add("Wb", D(1000, m: 2, g: 1, s: -1, c: -1), true);
        Add("T", D(1000, g: 1, s: -1, c: -1), true);
        Add("H", D(1000, m: 2, g: 1, c: -2), true);
        Add("lm", D(1, rad: 2, cd: 1), true);
        Add("lx", D(1, m: -2, rad: 2, cd: 1), true);
        Add("Bq", D(1, s: -1), true);
        Add("Gy", D(1, m: 2, s: -2), true);
        Add("Sv", D(1, m: 2, s: -2), true);
        Add("kat", D(1, s: -1, mol: 1), true);
        Add("U", new UnitForm(1e-6m, [0, 0, -1, 0, 0, 0, 0, 1, 0], divisor: 60), true);
        Add("eq", D(1, mol: 1), true);
        Add("osm", D(1, mol: 1), true);

        // Volume, area, mass, pressure, energy.
        Add("l", D(0.001m, m: 3), true);
        Add("L", D(0.001m, m: 3), true);
        Add("ar", D(100, m: 2), true);
        Add("t", D(1e6m, g: 1), true);
        Add("u", D(1.6605402e-24m, g: 1), true);
        Add("bar", D(1e8m, m: -1, g: 1, s: -2), true);
        Add("atm", D(101325000m, m: -1, g: 1, s: -2), false);
        Add("m[Hg]", D(133322000m, m: -1, g: 1, s: -2), true);
        Add("m[H2O]", D(9806650m, m: -1, g: 1, s: -2), true);
        Add("cal", D(4184m, m: 2, g: 1, s: -2), true);
        Add("[Cal]", D(4184000m, m: 2, g: 1, s: -2), false);
        Add("eV", D(1.60217733e-16m, m: 2, g: 1, s: -2), true);
        Add("g%", D(10000m, m: -3, g: 1), true);
        Add("deg", D(0.0174532925199432957692369077m, rad: 1), false);

        // Time (UCUM definite durations; https://hl7.org/fhirpath/N1/#time-valued-quantities).
        Add("min", D(60, s: 1), false);
        Add("h", D(3600, s: 1), false);
        Add("d", D(86400, s: 1), false);
        Add("wk", D(604800, s: 1), false);
        Add("a_j", D(31557600, s: 1), false);
        Add("a", D(31557600, s: 1), false);
        Add("a_g", D(31556952, s: 1), false);
        Add("mo_j", D(2629800, s: 1), false);
        Add("mo", D(2629800, s: 1), false);
        Add("mo_g", D(2629746, s: 1), false);

        // Customary units.
        Add("[in_i]", D(0.0254m, m: 1), false);
        Add("[ft_i]", D(0.3048m, m: 1), false);
        Add("[yd_i]", D(0.9144m, m: 1), false);
        Add("[mi_i]", D(1609.344m, m: 1), false);
        Add("[nmi_i]", D(1852m, m: 1), false);
        Add("[lb_av]", D(453.59237m, g: 1), false);
        Add("[oz_av]", D(28.349523125m, g: 1), false);
        Add("[gr]", D(0.06479891m, g: 1), false);
        Add("[stone_av]", D(6350.29318m, g: 1), false);
        Add("[foz_us]", D(0.0000295735295625m, m: 3), false);
        Add("[gal_us]", D(0.003785411784m, m: 3), false);
        Add("[qt_us]", D(0.000946352946m, m: 3), false);
        Add("[pt_us]", D(0.000473176473m, m: 3), false);
        Add("[cup_us]", D(0.0002365882365m, m: 3), false);
        Add("[tbs_us]", D(0.00001478676478125m, m: 3), false);
        Add("[tsp_us]", D(0.00000492892159375m, m: 3), false);
        Add("[psi]", D(6894757.29316836m, m: -1, g: 1, s: -2), false);

        // Temperature scales: non-ratio, valid only on their own.
        Add("Cel", new UnitForm(1, [0, 0, 0, 0, 1, 0, 0, 0, 0], 273.15m, isSpecial: true), true);
        Add("[degF]", new UnitForm(5, [0, 0, 0, 0, 1, 0, 0, 0, 0], 459.67m, isSpecial: true, divisor: 9), false);
        Add("[degR]", new UnitForm(5, [0, 0, 0, 0, 1, 0, 0, 0, 0], divisor: 9), false);

        return a.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
