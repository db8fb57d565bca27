namespace FhirGateway.Search.Tests.EndToEnd;

// https://hl7.org/fhir/R4/search.html#date and #prefix
public abstract partial class SearchContract
{
    [DatabaseFact]
    public async Task Date_equality_needs_the_search_range_to_contain_the_value()
    {
        await PutAsync(Patient("y", "Y", "1974"), Patient("m", "M", "1974-12"), Patient("d", "D", "1974-12-25"), Patient("n", "N", "1975-01-01"));

        Assert.Equal(["d", "m", "y"], await Ids("Patient", "birthdate=1974"));
        Assert.Equal(["d", "m"], await Ids("Patient", "birthdate=1974-12"));
        Assert.Equal(["d"], await Ids("Patient", "birthdate=1974-12-25"));
        Assert.Equal(["d"], await Ids("Patient", "birthdate=eq1974-12-25"));
        Assert.Equal(["m", "n", "y"], await Ids("Patient", "birthdate=ne1974-12-25"));
    }

    [DatabaseFact]
    public async Task Date_prefixes_compare_ranges()
    {
        await PutAsync(Patient("y", "Y", "1974"), Patient("m", "M", "1974-12"), Patient("d", "D", "1974-12-25"), Patient("n", "N", "1975-01-01"));

        // gt: the range above the search value overlaps the value's range.
        Assert.Equal(["m", "n", "y"], await Ids("Patient", "birthdate=gt1974-12-25"));
        Assert.Equal(["n"], await Ids("Patient", "birthdate=gt1974"));
        Assert.Equal(["m", "y"], await Ids("Patient", "birthdate=lt1974-12-25"));
        Assert.Equal(["d", "m", "n", "y"], await Ids("Patient", "birthdate=ge1974-12-25"));
        Assert.Equal(["d", "m", "y"], await Ids("Patient", "birthdate=le1974-12-25"));
        Assert.Equal(["n"], await Ids("Patient", "birthdate=sa1974-12-25"));
        Assert.Equal(["d", "m", "y"], await Ids("Patient", "birthdate=eb1975"));
        Assert.Equal(["d", "m", "n", "y"], await Ids("Patient", "birthdate=ge1974&birthdate=le1975"));
    }

    [DatabaseFact]
    public async Task Date_times_compare_in_UTC_whatever_their_timezone()
    {
        await PutAsync(
            Observation("late", "1", "Patient/p", "2020-01-01T23:30:00-05:00"),
            Observation("early", "1", "Patient/p", "2020-01-02T00:30:00+01:00"),
            Observation("day", "1", "Patient/p", "2020-01-02"));

        // 2020-01-02T04:30Z, 2020-01-01T23:30Z and the whole UTC day.
        Assert.Equal(["day", "late"], await Ids("Observation", "date=2020-01-02"));
        Assert.Equal(["early"], await Ids("Observation", "date=2020-01-01"));
        Assert.Equal(["late"], await Ids("Observation", "date=2020-01-02T04:30:00Z"));
        Assert.Equal(["late"], await Ids("Observation", "date=2020-01-01T23:30:00-05:00"));
        Assert.Equal(["day", "late"], await Ids("Observation", "date=gt2020-01-02T00:00:00Z"));
        Assert.Equal(["early"], await Ids("Observation", "date=lt2020-01-02T01:00:00%2B01:00"));
        Assert.Equal(["day", "early"], await Ids("Observation", "date=lt2020-01-02T05:00:00%2B01:00"));
        // A '+' that was not encoded arrives as a space and still means the offset.
        Assert.Equal(["day", "early"], await Ids("Observation", "date=lt2020-01-02T05:00:00+01:00"));
    }

    [DatabaseFact]
    public async Task Periods_and_open_ended_periods_are_ranges()
    {
        await PutAsync(
            """{"resourceType":"Encounter","id":"closed","status":"finished","class":{"code":"AMB"},"period":{"start":"2020-01-01","end":"2020-01-10"}}""",
            """{"resourceType":"Encounter","id":"open","status":"in-progress","class":{"code":"AMB"},"period":{"start":"2020-01-05T10:00:00Z"}}""");

        Assert.Empty(await Ids("Encounter", "date=2020-01-05"));
        Assert.Equal(["closed"], await Ids("Encounter", "date=2020-01"));
        Assert.Equal(["closed", "open"], await Ids("Encounter", "date=ge2020-01-05"));
        Assert.Equal(["closed"], await Ids("Encounter", "date=lt2020-01-05"));
        Assert.Equal(["open"], await Ids("Encounter", "date=gt2021"));
        Assert.Equal(["closed", "open"], await Ids("Encounter", "date=sa2019-12-31"));
        Assert.Equal(["closed"], await Ids("Encounter", "date=eb2020-01-11"));
        Assert.Equal(["closed", "open"], await Ids("Encounter", "date=ap2020-01-07"));
    }

    [DatabaseFact]
    public async Task Code_value_date_matches_a_date_time_or_a_period_value()
    {
        // Its value component is value.as(DateTime) | value.as(Period): a FHIR dateTime is of the System type DateTime.
        await H.PutExamplesAsync("Observation-date-lastmp.json", "Observation-example.json", "Observation-abdo-tender.json");
        await PutAsync(Observation("period", "8665-2", "Patient/p", extra: ""","valuePeriod":{"start":"2016-12-01","end":"2016-12-05"}"""));

        Assert.Equal(["date-lastmp"], await Ids("Observation", "code-value-date=8665-2$2016-12-30"));
        Assert.Equal(["date-lastmp"], await Ids("Observation", "code-value-date=http://loinc.org|8665-2$ge2016-12-10"));
        Assert.Equal(["period"], await Ids("Observation", "code-value-date=8665-2$le2016-12-05"));
        Assert.Equal(["date-lastmp", "period"], await Ids("Observation", "code-value-date=8665-2$2016-12"));
        Assert.Empty(await Ids("Observation", "code-value-date=8665-2$2016-12-31"));
        Assert.Equal(["date-lastmp", "period"], await Ids("Observation", "code-value-date:missing=false"));
        Assert.Equal(["abdo-tender", "example"], await Ids("Observation", "code-value-date:missing=true"));
    }

    [DatabaseFact]
    public async Task Last_updated_and_id_are_columns_of_the_resource()
    {
        await PutAsync(Patient("a", "A"));
        var between = H.Clock.GetUtcNow().AddMinutes(30);
        H.Clock.Advance(TimeSpan.FromHours(1));
        await PutAsync(Patient("b", "B"), Patient("c", "C"));

        var at = between.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(["b", "c"], await Ids("Patient", "_lastUpdated=gt" + at));
        Assert.Equal(["a"], await Ids("Patient", "_lastUpdated=lt" + at));
        Assert.Equal(["a", "c"], await Ids("Patient", "_id=a,c"));
        Assert.Equal(["c"], await Ids("Patient", "_id=a,c&_lastUpdated=ge" + at));
    }

    [DatabaseFact]
    public async Task A_malformed_date_is_an_error_whatever_the_handling()
    {
        var outcome = await H.SearchAsync("Patient", "birthdate=gt1974-13");

        Assert.False(outcome.IsValid);
        Assert.Contains(outcome.Issues, i => i.Code == "invalid-value" && i.Parameter.StartsWith("birthdate", StringComparison.Ordinal));
    }
}
