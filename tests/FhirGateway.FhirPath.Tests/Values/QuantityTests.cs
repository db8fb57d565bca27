using FhirGateway.FhirPath.Tests.TestSupport;
using FhirGateway.FhirPath.Values;

namespace FhirGateway.FhirPath.Tests.Values;

public sealed class QuantityTests
{
    [Theory]
    [InlineData("1 'kg' = 1000 'g'")]
    [InlineData("1 'kg' = 1000000 'mg'")]
    [InlineData("1 '[lb_av]' = 453.59237 'g'")]
    [InlineData("1 '[lb_av]' ~ 0.4536 'kg'")]
    [InlineData("16 '[oz_av]' = 1 '[lb_av]'")]
    [InlineData("1 '[in_i]' = 2.54 'cm'")]
    [InlineData("12 '[in_i]' = 1 '[ft_i]'")]
    [InlineData("1 'm' = 1000 'mm'")]
    [InlineData("1 'L' = 1000 'mL'")]
    [InlineData("1 'dL' = 100 'mL'")]
    [InlineData("1 'mg/dL' = 10 'mg/L'")]
    [InlineData("1 'mmol/L' = 1000 'umol/L'")]
    [InlineData("1 'h' = 60 'min'")]
    [InlineData("1 'd' = 24 'h'")]
    [InlineData("1 'wk' = 7 'd'")]
    [InlineData("1 week = 7 days")]
    [InlineData("1 day = 24 hours")]
    [InlineData("1 year = 12 months")]
    [InlineData("1 second = 1000 'ms'")]
    [InlineData("100 'Cel' = 212 '[degF]'")]
    [InlineData("0 'Cel' = 273.15 'K'")]
    [InlineData("1 'mm[Hg]' = 133.322 'Pa'")]
    [InlineData("1 'kPa' = 1000 'N/m2'")]
    [InlineData("60 '/min' = 1 'Hz'")]
    [InlineData("1 '10*3/uL' = 1 '10*9/L'")]
    [InlineData("100 '%' = 1 '1'")]
    [InlineData("1 'm' > 99 'cm'")]
    [InlineData("1 'g' < 1001 'mg'")]
    [InlineData("3 'm' + 3 'cm' = 303 'cm'")]
    [InlineData("3 'm' - 3 'cm' = 297 'cm'")]
    [InlineData("12 'cm' * 3 'cm' = 36 'cm2'")]
    [InlineData("12 'cm2' / 3 'cm' = 4 'cm'")]
    [InlineData("2 'mg' * 3 = 6 'mg'")]
    [InlineData("6 'mg' / 4 = 1.5 'mg'")]
    [InlineData("1 '[iU]' = 1 '[iU]'")]
    [InlineData("1 'kg'.toQuantity('g') = 1000 'g'")]
    [InlineData("1 'kg'.convertsToQuantity('g')")]
    [InlineData("1 'kg'.convertsToQuantity('m').not()")]
    [InlineData("1 'cm'.comparable(1 'km')")]
    [InlineData("1 year ~ 1 'a'")]
    public void Units_convert_where_UCUM_relates_them(string expression)
    {
        Assert.True(Fhp.True(expression), expression);
    }

    [Theory]
    [InlineData("1 'cm' = 1 's'")]
    [InlineData("1 'cm2' < 1 'cm'")]
    [InlineData("1 year = 1 'a'")]
    [InlineData("1 month = 1 'mo'")]
    [InlineData("1 '[iU]' = 1 'mg'")]
    [InlineData("1 'Cel' * 2 'Cel' = 2 'Cel2'")]
    [InlineData("1 'kg' + 1 'm'")]
    [InlineData("1 'kg' / 0 'g'")]
    public void Units_that_do_not_relate_give_empty(string expression)
    {
        Assert.True(Fhp.Empty(expression), expression);
    }

    [Fact]
    public void Arithmetic_results_keep_the_finer_unit()
    {
        var sum = Assert.IsType<Quantity>(Fhp.One("3 'm' + 3 'cm'"));
        Assert.Equal(303m, sum.Value);
        Assert.Equal("cm", sum.Unit);
        Assert.Equal("36 'cm2'", Fhp.One("12 'cm' * 3 'cm'").ToString());
        Assert.Equal("2 'g/m'", Fhp.One("4 'g' / 2 'm'").ToString());
        Assert.Equal("4 'cm.m'", Fhp.One("2 'cm' * 2 'm'").ToString());
    }

    [Fact]
    public void A_FHIR_Quantity_converts_by_its_UCUM_code()
    {
        var observation = Resources.Json("""
            { "resourceType": "Observation", "status": "final", "code": { "text": "weight" },
              "valueQuantity": { "value": 72.5, "unit": "kilogram", "system": "http://unitsofmeasure.org", "code": "kg" } }
            """);
        Assert.True(Fhp.True("Observation.value = 72500 'g'", observation));
        Assert.True(Fhp.True("Observation.value > 70 'kg' and Observation.value.unit = 'kilogram'", observation));
        Assert.Equal("72.5 'kg'", Fhp.One("Observation.value.toQuantity()", observation).ToString());
    }

    [Theory]
    [InlineData("'4 days'.toQuantity()", "4 days")]
    [InlineData("'10 \\'mg[Hg]\\''.toQuantity()", "10 'mg[Hg]'")]
    [InlineData("'-1.5'.toQuantity()", "-1.5 '1'")]
    [InlineData("true.toQuantity()", "1.0 '1'")]
    [InlineData("(-5.5 'mg').abs()", "5.5 'mg'")]
    public void Quantity_conversions(string expression, string expected)
    {
        Assert.Equal(expected, Fhp.One(expression).ToString());
    }
}
