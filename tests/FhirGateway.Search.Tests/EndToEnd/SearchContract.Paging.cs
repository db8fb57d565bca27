namespace FhirGateway.Search.Tests.EndToEnd;

// https://hl7.org/fhir/R4/search.html#sort, #count and http.html#paging
public abstract partial class SearchContract
{
    [DatabaseFact]
    public async Task Sort_by_several_keys_ascending_and_descending_with_missing_values_last()
    {
        await PutAsync(
            Patient("a", "Brown", "1990-01-01"), Patient("b", "Adams", "1980-01-01"), Patient("c", "Brown", "1970-01-01"),
            Patient("d", "Adams"), Patient("e", "Cole", "1985-05-05"), Patient("f", "Zed"));

        Assert.Equal(["b", "d", "c", "a", "e", "f"], await H.IdsAsync("Patient", "_sort=family,birthdate"));
        Assert.Equal(["b", "d", "a", "c", "e", "f"], await H.IdsAsync("Patient", "_sort=family,-birthdate"));
        Assert.Equal(["f", "e", "a", "c", "b", "d"], await H.IdsAsync("Patient", "_sort=-family,-birthdate"));
        Assert.Equal(["c", "b", "e", "a", "d", "f"], await H.IdsAsync("Patient", "_sort=birthdate"));
        Assert.Equal(["a", "e", "b", "c", "d", "f"], await H.IdsAsync("Patient", "_sort=-birthdate"));
        Assert.Equal(["f", "e", "d", "c", "b", "a"], await H.IdsAsync("Patient", "_sort=-_id"));
    }

    [DatabaseFact]
    public async Task Pages_follow_next_and_previous_cursors()
    {
        await PutAsync(Enumerable.Range(1, 7).Select(i => Patient("p" + i, "Family" + (8 - i))).ToArray());

        var first = await H.SearchAsync("Patient", "_sort=family&_count=3");
        var second = await Next(first);
        var third = await Next(second);
        var back = await Previous(third);

        Assert.Equal(["p7", "p6", "p5"], first.Matches.Select(m => m.Id));
        Assert.Null(first.Previous);
        Assert.Equal(["p4", "p3", "p2"], second.Matches.Select(m => m.Id));
        Assert.Equal(["p1"], third.Matches.Select(m => m.Id));
        Assert.Null(third.Next);
        Assert.Equal(["p4", "p3", "p2"], back.Matches.Select(m => m.Id));
        Assert.Equal(["p7", "p6", "p5"], (await Previous(back)).Matches.Select(m => m.Id));
        Assert.Null((await Previous(back)).Previous);
    }

    [DatabaseFact]
    public async Task Later_pages_stay_stable_while_data_changes()
    {
        await PutAsync(Patient("b", "B"), Patient("d", "D"), Patient("f", "F"), Patient("h", "H"), Patient("j", "J"));
        var first = await H.SearchAsync("Patient", "_sort=family&_count=2");
        var plain = await H.SearchAsync("Patient", "_count=2");

        // Before the cursor, after it, and a deletion of a resource already seen.
        await PutAsync(Patient("a", "A"), Patient("e", "E"), Patient("z", "Z"));
        await H.Store.DeleteAsync("Patient", "b");

        Assert.Equal(["b", "d"], first.Matches.Select(m => m.Id));
        var second = await Next(first);
        Assert.Equal(["e", "f"], second.Matches.Select(m => m.Id));
        Assert.Equal(["h", "j"], (await Next(second)).Matches.Select(m => m.Id));

        // Without _sort the order is the order of creation, so new resources come last.
        Assert.Equal(["b", "d"], plain.Matches.Select(m => m.Id));
        var rest = new List<string>();
        for (var page = await Next(plain); ; page = await Next(page))
        {
            rest.AddRange(page.Matches.Select(m => m.Id));
            if (page.Next is null)
            {
                break;
            }
        }

        Assert.Equal(["f", "h", "j", "a", "e", "z"], rest);
    }

    [DatabaseFact]
    public async Task A_cursor_of_another_order_is_refused()
    {
        await PutAsync(Patient("a", "A", "2000-01-01"), Patient("b", "B", "2001-01-01"), Patient("c", "C", "2002-01-01"));
        var first = await H.SearchAsync("Patient", "_sort=family&_count=1");

        var other = await H.SearchAsync("Patient", "_sort=birthdate&_count=1&_cursor=" + first.Next);
        var garbage = await H.SearchAsync("Patient", "_cursor=nonsense");

        Assert.False(other.IsValid);
        Assert.Contains(other.Issues, i => i.Code == "invalid-cursor");
        Assert.False(garbage.IsValid);
    }

    [DatabaseFact]
    public async Task Totals_when_asked_and_when_the_first_page_holds_everything()
    {
        await PutAsync(Patient("a", "A"), Patient("b", "B"), Patient("c", "C"));

        Assert.Equal(3, (await H.SearchAsync("Patient", "_count=10")).Total);
        Assert.Null((await H.SearchAsync("Patient", "_count=2")).Total);
        Assert.Equal(3, (await H.SearchAsync("Patient", "_count=2&_total=accurate")).Total);
        Assert.Null((await H.SearchAsync("Patient", "_count=10&_total=none")).Total);
        var count = await H.SearchAsync("Patient", "_summary=count&family=a,b");
        Assert.Equal(2, count.Total);
        Assert.Empty(count.Matches);
        var none = await H.SearchAsync("Patient", "_count=0");
        Assert.Equal(3, none.Total);
        Assert.Empty(none.Matches);
    }

    private Task<SearchOutcome> Next(SearchOutcome page) => FollowAsync(page.NextLink(SearchHarness.BaseUrl));

    private Task<SearchOutcome> Previous(SearchOutcome page) => FollowAsync(page.PreviousLink(SearchHarness.BaseUrl));

    /// <summary>Follows a link as a client would: the type from the path, the parameters from the query.</summary>
    private Task<SearchOutcome> FollowAsync(string? link)
    {
        Assert.NotNull(link);
        var uri = new Uri(link);
        var type = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries)[^1];
        return H.SearchAsync(type, uri.Query);
    }
}
