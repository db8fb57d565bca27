using FhirGateway.Storage.History;

namespace FhirGateway.Storage.Tests.History;

public sealed class HistoryCursorTests
{
    [Fact]
    public void The_text_form_round_trips()
    {
        var cursor = new HistoryCursor(12345);

        Assert.True(HistoryCursor.TryParse(cursor.ToString(), out var parsed));
        Assert.Equal(cursor, parsed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("h")]
    [InlineData("h-5")]
    [InlineData("h0")]
    [InlineData("h 5")]
    [InlineData("h99999999999999999999")]
    public void Anything_else_is_refused(string? text) => Assert.False(HistoryCursor.TryParse(text, out _));
}
