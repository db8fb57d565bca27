using FhirGateway.Storage.Indexing;

namespace FhirGateway.Storage.Tests.Indexing;

public sealed class IndexRowTests
{
    [Fact]
    public void Each_kind_keeps_its_own_values()
    {
        var low = new DateTimeOffset(2024, 5, 1, 1, 0, 0, TimeSpan.FromHours(1));
        var date = IndexRow.ForDate("birthdate", low, low.AddDays(1));
        var token = IndexRow.ForToken("identifier", "https://fhir.nhs.uk/Id/nhs-number", "9449305552");
        var quantity = IndexRow.ForQuantity("value-quantity", 3.5m, "http://unitsofmeasure.org", "kg");

        Assert.Equal((IndexKind.Date, TimeSpan.Zero, low.UtcDateTime), (date.Kind, date.Low!.Value.Offset, date.Low.Value.UtcDateTime));
        Assert.Equal((IndexKind.Token, "https://fhir.nhs.uk/Id/nhs-number", "9449305552"), (token.Kind, token.System, token.Code));
        Assert.Equal((IndexKind.Quantity, 3.5m, "kg"), (quantity.Kind, quantity.Value, quantity.Code));
        Assert.Null(token.Value);
    }

    [Fact]
    public void Rows_without_their_required_values_are_refused()
    {
        var now = DateTimeOffset.UtcNow;
        Assert.Throws<ArgumentException>(() => IndexRow.ForToken("code", null, null));
        Assert.Throws<ArgumentException>(() => IndexRow.ForReference("subject", "Patient", null, null));
        Assert.Throws<ArgumentException>(() => IndexRow.ForDate("date", now, now.AddTicks(-1)));
        Assert.Throws<ArgumentException>(() => IndexRow.ForUri("url", ""));
        Assert.Throws<ArgumentException>(() => IndexRow.ForNumber("", 1));
    }

    [Fact]
    public void Ranges_display_text_groups_and_renames()
    {
        var range = IndexRow.ForQuantity("context-quantity", 2m, 3m, "http://unitsofmeasure.org", "a");
        var number = IndexRow.ForNumber("probability", 0.1m, 0.2m);
        var text = IndexRow.ForToken("code", null, null, "body weight");
        var component = IndexRow.ForToken("code", "http://loinc.org", "8480-6").Renamed("code-value-quantity$0").InGroup(3);

        Assert.Equal((2m, 3m), (range.Value, range.ValueHigh));
        Assert.Equal((0.1m, 0.2m), (number.Value, number.ValueHigh));
        Assert.Null(IndexRow.ForNumber("n", 1m).ValueHigh);
        Assert.Equal("body weight", text.Normalized);
        Assert.Equal(("code-value-quantity$0", 3, "8480-6"), (component.Parameter, component.Group, component.Code));
        Assert.Throws<ArgumentException>(() => IndexRow.ForToken("code", null, null, null));
        Assert.Throws<ArgumentException>(() => IndexRow.ForNumber("n", 2m, 1m));
        Assert.Throws<ArgumentException>(() => text.Renamed(""));
    }
}
