using FhirGateway.FhirPath.Tests.TestSupport;
using FhirGateway.FhirPath.Values;

namespace FhirGateway.FhirPath.Tests.Values;

public sealed class PartialDateTimeTests
{
    [Theory]
    [InlineData("2015", DateTimePrecision.Year)]
    [InlineData("2015-02", DateTimePrecision.Month)]
    [InlineData("2015-02-04", DateTimePrecision.Day)]
    [InlineData("2015-02-04T14", DateTimePrecision.Hour)]
    [InlineData("2015-02-04T14:34", DateTimePrecision.Minute)]
    [InlineData("2015-02-04T14:34:28", DateTimePrecision.Second)]
    [InlineData("2015-02-04T14:34:28.123", DateTimePrecision.Millisecond)]
    [InlineData("2015-02-04T14:34:28.123+10:00", DateTimePrecision.Millisecond)]
    [InlineData("2015-02-04T14:34:28Z", DateTimePrecision.Second)]
    [InlineData("2015-02-04T14:34:28.123456-05:30", DateTimePrecision.Millisecond)]
    public void Date_times_read_and_print_to_their_precision(string text, DateTimePrecision precision)
    {
        Assert.True(PartialDateTime.TryParse(text, out var value));
        Assert.Equal(precision, value.Precision);
        Assert.Equal(text, value.ToString());
    }

    [Theory]
    [InlineData("2015-02-29")]
    [InlineData("2015-13")]
    [InlineData("15-02-04")]
    [InlineData("2015-02-04T25:00")]
    [InlineData("2015-02-04T14:60")]
    [InlineData("2015-02-04T14:34:28.")]
    [InlineData("2015-02-04T14:34+1000")]
    [InlineData("2015T")]
    public void Invalid_date_times_are_refused(string text)
    {
        Assert.False(PartialDateTime.TryParse(text, out _));
    }

    [Fact]
    public void Parts_beyond_the_precision_are_absent()
    {
        Assert.True(PartialDate.TryParse("2014-01", out var d));
        Assert.Equal(2014, d.Year);
        Assert.Equal(1, d.Month);
        Assert.Null(d.Day);
        Assert.True(PartialTime.TryParse("10:30", out var t));
        Assert.Null(t.Second);
        Assert.True(PartialDateTime.TryParse("2014-01-05T10:30:00.250+02:00", out var dt));
        Assert.Equal(250, dt.Millisecond);
        Assert.Equal(TimeSpan.FromHours(2), dt.Offset);
    }

    [Theory]
    [InlineData("@2012 = @2012", true)]
    [InlineData("@2012-01 = @2012", null)]
    [InlineData("@2012-01-01T10:30:31 = @2012-01-01T10:30", null)]
    [InlineData("@2012-01-01T10:30:31.0 = @2012-01-01T10:30:31", true)]
    [InlineData("@2012-01 ~ @2012", false)]
    [InlineData("@2018-03 < @2018-04-01", true)]
    [InlineData("@2018-03 < @2018-03-01", null)]
    [InlineData("@2017-11-05T01:30:00-04:00 = @2017-11-05T00:30:00-05:00", true)]
    [InlineData("@2017-11-05T05:30:00Z = @2017-11-05T00:30:00-05:00", true)]
    [InlineData("@2012-04-15T15:00:00Z = @2012-04-15T10:00:00", null)]
    [InlineData("@2012-04-15T15:00:00Z < @2012-04-17T10:00:00", true)]
    [InlineData("@2012-04-15 = @2012-04-15T00:00:00", null)]
    [InlineData("@2012-04-15 < @2012-04-16T10:00:00", true)]
    [InlineData("@T10:30 < @T10:30:00", null)]
    [InlineData("@T10:30:00 <= @T10:30:00.000", true)]
    [InlineData("@2012-04-15 = @T10:00", false)]
    public void Comparison_respects_precision_and_offsets(string expression, bool? expected)
    {
        var result = Fhp.Eval(expression);
        Assert.Equal(expected, result.Count == 0 ? null : (bool)result[0]);
    }

    [Theory]
    [InlineData("@2014-01-31 + 1 month", "2014-02-28")]
    [InlineData("@2016-02-29 + 1 year", "2017-02-28")]
    [InlineData("@2014-01-31 - 1 'd'", "2014-01-30")]
    [InlineData("@2014 + 24 months", "2016")]
    [InlineData("@2014 + 23 months", "2015")]
    [InlineData("@2016 + 365 days", "2017")]
    [InlineData("@2019-03-01 - 24 months", "2017-03-01")]
    [InlineData("@2014-01-01 + 49 hours", "2014-01-03")]
    [InlineData("@2014-12-31T23:30:00+10:00 + 45 minutes", "2015-01-01T00:15:00+10:00")]
    [InlineData("@2014-12-31T23:30:00.500Z + 600 milliseconds", "2014-12-31T23:30:01.100Z")]
    [InlineData("@2014-12-31T23:30 + 90 seconds", "2014-12-31T23:31")]
    [InlineData("@T23:00 + 2 hours", "01:00")]
    [InlineData("@T00:10:00 - 20 'min'", "23:50:00")]
    public void Date_time_arithmetic_uses_calendar_rules(string expression, string expected)
    {
        Assert.Equal(expected, Fhp.One(expression).ToString());
    }

    [Theory]
    [InlineData("@2014-01-01 + 1 'mo'")]
    [InlineData("@2014-01-01 + 1 'kg'")]
    [InlineData("@T10:00 + 1 day")]
    [InlineData("@2014-01-01 + 1")]
    public void Date_time_arithmetic_refuses_other_units(string expression)
    {
        Assert.Throws<FhirPathEvaluationException>(() => Fhp.Eval(expression));
    }

    [Theory]
    [InlineData("@2014-03-10.lowBoundary()", "@2014-03-10")]
    [InlineData("@2014.highBoundary(8)", "@2014-12-31")]
    [InlineData("@2014-02.highBoundary(8)", "@2014-02-28")]
    [InlineData("@2014-02-03T10:30:15.highBoundary(17)", "@2014-02-03T10:30:15.999-12:00")]
    [InlineData("@2014-02-03T10:30:15+01:00.lowBoundary(17)", "@2014-02-03T10:30:15.000+01:00")]
    [InlineData("@2014-02-03T10:30:15.lowBoundary(12)", "@2014-02-03T10:30+14:00")]
    [InlineData("@T10.highBoundary()", "@T10:59:59.999")]
    public void Boundaries_fill_the_unknown_parts(string expression, string expected)
    {
        var value = Fhp.One(expression);
        Assert.Equal(expected, (value is PartialTime ? "@T" : "@") + value);
    }

    [Fact]
    public void Now_is_the_same_within_one_evaluation_and_comes_from_the_clock()
    {
        var clock = new DateTimeOffset(2020, 5, 6, 7, 8, 9, 10, TimeSpan.FromHours(2));
        var context = new EvaluationContext { Clock = () => clock };
        Assert.Equal("2020-05-06T07:08:09.010+02:00", Fhp.One("now()", null, context).ToString());
        Assert.Equal("2020-05-06", Fhp.One("today()", null, context).ToString());
        Assert.Equal("07:08:09.010", Fhp.One("timeOfDay()", null, context).ToString());
        Assert.True(Fhp.True("now() = now() and today() < now() + 1 day", null, context));
    }
}
