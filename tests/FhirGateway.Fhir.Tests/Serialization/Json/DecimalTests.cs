using FhirGateway.Fhir.Serialization;
using static FhirGateway.Fhir.Tests.Serialization.Json.JsonRead;
using Codes = FhirGateway.Fhir.Serialization.ParseIssueCodes;

namespace FhirGateway.Fhir.Tests.Serialization.Json;

/// <summary>Decimals keep their precision: read and written exactly as given (https://hl7.org/fhir/R4/json.html#primitive, datatypes.html#decimal).</summary>
public sealed class DecimalTests
{
    public static TheoryData<string> Decimals() => new()
    {
        "1.50",
        "1.5",
        "1e3",
        "1E3",
        "1.0e-7",
        "1E+2",
        "-0.0",
        "-0",
        "0",
        "0.000",
        "123456789012345678901234567890.123456789012345678901234567890",
        "0." + new string('0', 300) + "1",
        "-" + new string('9', 400),
    };

    [Theory]
    [MemberData(nameof(Decimals))]
    public void A_decimal_is_kept_exactly_as_written(string number)
    {
        var observation = AssertClean(R4($$$"""{"resourceType":"Observation","status":"final","code":{"text":"c"},"valueQuantity":{"value":{{{number}}},"unit":"u"}}"""));

        Assert.Equal(number, ValueAt(observation, "value.value"));
        Assert.Contains($"\"value\":{number},", FhirJsonWriter.SerializeToString(observation), StringComparison.Ordinal);
        AssertRoundTrips(observation);
    }

    [Theory]
    [InlineData("01.5")]
    [InlineData("1.")]
    [InlineData(".5")]
    [InlineData("+1")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("0x10")]
    [InlineData("1e")]
    public void A_number_JSON_does_not_allow_is_a_syntax_error(string number)
    {
        AssertFatal(R4($$$"""{"resourceType":"Observation","valueQuantity":{"value":{{{number}}}}}"""), Codes.JsonSyntax);
    }

    [Theory]
    [InlineData("\"1.5\"")]
    [InlineData("\"\"")]
    [InlineData("true")]
    [InlineData("{\"value\":1}")]
    public void A_decimal_must_be_a_JSON_number(string value)
    {
        var observation = AssertErrors(
            R4($$$"""{"resourceType":"Observation","status":"final","valueQuantity":{"value":{{{value}}},"unit":"kg"}}"""),
            Error(Codes.WrongJsonType, "Observation.valueQuantity.value"));

        Assert.Equal("kg", ValueAt(observation, "value.unit"));
    }

    [Fact]
    public void Repeating_decimals_keep_each_precision()
    {
        var plan = AssertClean(R4("""
            {"resourceType":"Observation","status":"final","code":{"text":"c"},
             "valueSampledData":{"origin":{"value":0.0},"period":10.00,"dimensions":1,"factor":1.000,"data":"1 2"}}
            """));

        Assert.Equal("10.00", ValueAt(plan, "value.period"));
        Assert.Equal("1.000", ValueAt(plan, "value.factor"));
        Assert.Equal("0.0", ValueAt(plan, "value.origin.value"));
        AssertRoundTrips(plan);
    }
}
