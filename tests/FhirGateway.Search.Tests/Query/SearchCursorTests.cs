using FhirGateway.Storage.Indexing;
using FhirGateway.Storage.Search;

namespace FhirGateway.Search.Tests.Query;

public sealed class SearchCursorTests
{
    [Fact]
    public void Cursors_round_trip_through_links_and_belong_to_one_order()
    {
        var outcome = Parse("n" + Convert.ToBase64String("[\"family:1+\",42,[\"sabc\"]]"u8.ToArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_'));

        Assert.NotNull(outcome);
        Assert.False(outcome.IsBackward);
        Assert.True(outcome.Fits([SearchSortKey.ByParameter("family", IndexKind.String)]));
        Assert.False(outcome.Fits([SearchSortKey.ByParameter("family", IndexKind.String, descending: true)]));
        Assert.False(outcome.Fits([]));
        Assert.True(SearchCursor.TryParse(outcome.ToString(), out var again));
        Assert.Equal(outcome.ToString(), again.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("x123")]
    [InlineData("n!!!")]
    [InlineData("nW10")]
    [InlineData("pWyJhIiwwLFtdXQ")]
    public void Text_a_store_did_not_produce_is_refused(string? text) => Assert.Null(Parse(text));

    private static SearchCursor? Parse(string? text) => SearchCursor.TryParse(text, out var cursor) ? cursor : null;
}
