using FhirGateway.Search.Indexing;
using FhirGateway.Search.Query;
using FhirGateway.Storage.Search;

namespace FhirGateway.Search.Tests.Query;

public sealed class SearchValuesTests
{
    [Theory]
    [InlineData("a,b", new[] { "a", "b" })]
    [InlineData("a\\,b,c", new[] { "a\\,b", "c" })]
    [InlineData("a\\\\,b", new[] { "a\\\\", "b" })]
    [InlineData("", new[] { "" })]
    public void Split_honours_escapes(string value, string[] parts) => Assert.Equal(parts, SearchValues.Split(value, ','));

    [Fact]
    public void Unescape_removes_the_search_escapes_only() =>
        Assert.Equal("a,b$c|d\\e\\x", SearchValues.Unescape("a\\,b\\$c\\|d\\\\e\\x"));

    [Theory]
    [InlineData("ge2020", Comparator.Ge, "2020")]
    [InlineData("2020", Comparator.Eq, "2020")]
    [InlineData("ap5", Comparator.Ap, "5")]
    [InlineData("xx5", Comparator.Eq, "xx5")]
    [InlineData("gt", Comparator.Eq, "gt")]
    public void Prefixes(string value, Comparator comparator, string rest)
    {
        Assert.Equal(comparator, SearchValues.TakePrefix(ref value));
        Assert.Equal(rest, value);
    }

    [Fact]
    public void QueryStrings_decode_form_encoding_in_order()
    {
        var pairs = QueryStrings.Parse("?name=peter+james&subject%3APatient.name=a%2Cb&empty=&flag&name=x");

        Assert.Equal(
            [new("name", "peter james"), new("subject:Patient.name", "a,b"), new("empty", ""), new("flag", ""), new KeyValuePair<string, string>("name", "x")],
            pairs);
    }

    [Theory]
    [InlineData("Müller", "muller")]
    [InlineData("  ÉLODIE   de  la  Cruz ", "elodie de la cruz")]
    [InlineData("Straße", "strasse")]
    [InlineData("ΆΛΦΑ", "αλφα")]
    [InlineData("Dvořák", "dvorak")]
    [InlineData("O'Brien-Smith", "o'brien-smith")]
    public void Text_folds_case_accents_and_white_space(string text, string normalized) => Assert.Equal(normalized, TextFolding.Normalize(text));

    [Fact]
    public void Folded_text_is_cut_to_the_indexed_length()
    {
        Assert.Equal(TextFolding.MaxLength, TextFolding.Normalize(new string('A', 500)).Length);
        Assert.Equal(TextFolding.MaxLength - 1, TextFolding.Normalize(new string('a', TextFolding.MaxLength - 1) + "\U0001F600").Length);
    }

    [Theory]
    [InlineData("2013", "2013-01-01T00:00:00Z", "2013-12-31T23:59:59.999999Z")]
    [InlineData("2012-02", "2012-02-01T00:00:00Z", "2012-02-29T23:59:59.999999Z")]
    [InlineData("2013-01-14", "2013-01-14T00:00:00Z", "2013-01-14T23:59:59.999999Z")]
    [InlineData("2013-01-14T10", "2013-01-14T10:00:00Z", "2013-01-14T10:59:59.999999Z")]
    [InlineData("2013-01-14T10:00", "2013-01-14T10:00:00Z", "2013-01-14T10:00:59.999999Z")]
    [InlineData("2013-01-14T10:00:00Z", "2013-01-14T10:00:00Z", "2013-01-14T10:00:00.999999Z")]
    [InlineData("2013-01-14T10:00:00.5+10:00", "2013-01-14T00:00:00.5Z", "2013-01-14T00:00:00.599999Z")]
    [InlineData("2013-01-14T10:00:00.1234567-01:30", "2013-01-14T11:30:00.123456Z", "2013-01-14T11:30:00.123456Z")]
    [InlineData("2016-12-31T23:59:60Z", "2016-12-31T23:59:59Z", "2016-12-31T23:59:59.999999Z")]
    [InlineData("9999", "9999-01-01T00:00:00Z", "9999-12-31T23:59:59.999999Z")]
    [InlineData("0001-01-01T00:00:00+05:00", "0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z")]
    public void Date_ranges_cover_the_precision_in_UTC(string text, string low, string high)
    {
        Assert.True(FhirDateRange.TryParse(text, out var from, out var to));
        Assert.Equal(DateTimeOffset.Parse(low, System.Globalization.CultureInfo.InvariantCulture), from);
        Assert.Equal(DateTimeOffset.Parse(high, System.Globalization.CultureInfo.InvariantCulture), to);
    }

    [Theory]
    [InlineData("13")]
    [InlineData("2013-13")]
    [InlineData("2013-02-30")]
    [InlineData("2013-01-14T25:00")]
    [InlineData("2013-01-14T10:00:00+1000")]
    [InlineData("2013-01-14T10:00:00.Z")]
    [InlineData("2013-01-14 10:00")]
    [InlineData("0000")]
    public void Malformed_dates_are_refused(string text) => Assert.False(FhirDateRange.TryParse(text, out _, out _));
}
