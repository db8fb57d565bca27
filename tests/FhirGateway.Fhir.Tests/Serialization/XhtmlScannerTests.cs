using FhirGateway.Fhir.Serialization;
using FhirGateway.Fhir.Tests.TestSupport;

namespace FhirGateway.Fhir.Tests.Serialization;

/// <summary>The quick narrative scan only ever accepts what the full XmlReader check accepts.</summary>
public sealed class XhtmlScannerTests
{
    private const string Open = "<div xmlns=\"http://www.w3.org/1999/xhtml\">";

    [Theory]
    [InlineData(Open + "<p>plain &amp; simple &#39;&#x27;</p><br/><a href=\"x?a=1&amp;b=2\" xml:lang='en'>link</a></div>")]
    [InlineData(Open + "</div>")]
    public void Simple_narrative_is_recognised(string xhtml)
    {
        Assert.True(XhtmlScanner.IsSurelyWellFormed(xhtml));
        Assert.Null(Xhtml.CheckWithReader(xhtml));
    }

    [Theory]
    [InlineData(Open + "<p>unclosed</div>")]
    [InlineData(Open + "<p>a</b></div>")]
    [InlineData(Open + "a & b</div>")]
    [InlineData(Open + "&nbsp;</div>")]
    [InlineData(Open + "&#0;</div>")]
    [InlineData(Open + "<p a='1' a='2'/></div>")]
    [InlineData(Open + "<p a=1/></div>")]
    [InlineData(Open + "x]]>y</div>")]
    [InlineData(Open + "</div><div/>")]
    [InlineData(Open + "</div>trailing")]
    [InlineData("<div>no namespace</div>")]
    [InlineData("<div xmlns=\"http://example.org\">other namespace</div>")]
    [InlineData("<p xmlns=\"http://www.w3.org/1999/xhtml\">not a div</p>")]
    [InlineData(Open + "\u0001</div>")]
    public void Malformed_narrative_is_never_recognised(string xhtml)
    {
        Assert.False(XhtmlScanner.IsSurelyWellFormed(xhtml));
        Assert.NotNull(Xhtml.CheckWithReader(xhtml));
    }

    [Fact]
    public void On_official_narrative_and_its_mutations_the_scan_never_accepts_what_the_reader_refuses()
    {
        var narratives = new List<string>();
        foreach (var example in OfficialExamples.R4.Where(e => e.Content.Length < 64 * 1024).Take(1500))
        {
            if (FhirJsonReader.Parse(example.Content).Resource?.Child("text")?.Child("div")?.Value is { } div)
            {
                narratives.Add(div);
            }
        }

        Assert.True(narratives.Count > 500, $"only {narratives.Count} narratives found");
        var recognised = narratives.Count(XhtmlScanner.IsSurelyWellFormed);
        Assert.True(recognised > narratives.Count / 2, $"only {recognised} of {narratives.Count} recognised");

        var random = new Random(20261121);
        const string alphabet = "<>/&;\"'= ]#x0a-:";
        foreach (var div in narratives)
        {
            for (var n = 0; n < 20; n++)
            {
                var chars = div.ToCharArray();
                chars[random.Next(chars.Length)] = alphabet[random.Next(alphabet.Length)];
                var mutated = new string(chars);
                if (XhtmlScanner.IsSurelyWellFormed(mutated))
                {
                    Assert.True(Xhtml.CheckWithReader(mutated) is null, "accepted but malformed: " + mutated);
                }
            }
        }
    }
}
