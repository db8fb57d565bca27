using FhirGateway.FhirPath.Units;

namespace FhirGateway.FhirPath.Tests.Values;

public sealed class UcumCanonicalTests
{
    [Theory]
    [InlineData(5000, "mg", 5, "g")]
    [InlineData(185, "[lb_av]", 83914.58845, "g")]
    [InlineData(120, "mm[Hg]", 15998640, "m-1.g.s-2")]
    [InlineData(5.5, "mmol/L", 5.5, "m-3.mol")]
    [InlineData(2, "h", 7200, "s")]
    [InlineData(37, "Cel", 310.15, "K")]
    [InlineData(50, "%", 0.5, "1")]
    public void Quantities_convert_to_base_units(double value, string unit, double canonical, string canonicalUnit)
    {
        Assert.True(UcumCanonical.TryCanonicalize((decimal)value, unit, out var converted, out var convertedUnit));
        Assert.Equal((decimal)canonical, converted);
        Assert.Equal(canonicalUnit, convertedUnit);
    }

    [Fact]
    public void Trailing_zeros_are_dropped()
    {
        Assert.True(UcumCanonical.TryCanonicalize(5000.00m, "mg", out var value, out _));
        Assert.Equal("5", value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("lbs")]
    [InlineData("{beats}/min/x")]
    [InlineData("")]
    public void Units_the_engine_does_not_know_do_not_convert(string unit) => Assert.False(UcumCanonical.TryCanonicalize(1, unit, out _, out _));
}
