using System.Diagnostics;
using System.Text;
using FhirGateway.Fhir.Serialization;
using FhirGateway.Fhir.Tests.TestSupport;
using static FhirGateway.Fhir.Tests.Serialization.Xml.XmlAssert;

namespace FhirGateway.Fhir.Tests.Serialization.Xml;

/// <summary>Hostile and broken XML: the reader never throws, never hangs and never resolves anything outside the document.</summary>
public sealed class XmlLimitsTests
{
    [Fact]
    public void Entity_expansion_is_refused()
    {
        const string laughs = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\"><!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>" +
            "<Patient xmlns=\"http://hl7.org/fhir\"><gender value=\"&lol3;\"/></Patient>";

        var result = Read(laughs);

        Assert.Null(result.Resource);
        Assert.Equal(IssueSeverity.Fatal, Single(result, ParseIssueCodes.XmlSyntax).Severity);
    }

    [Fact]
    public void External_entities_are_never_resolved()
    {
        var result = Read("<?xml version=\"1.0\"?><!DOCTYPE p [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><Patient xmlns=\"http://hl7.org/fhir\"><gender value=\"&xxe;\"/></Patient>");

        Assert.Null(result.Resource);
        Assert.DoesNotContain("root:", string.Join(" ", result.Issues.Select(i => i.Message)), StringComparison.Ordinal);
    }

    [Fact]
    public void Deep_nesting_stops_at_the_limit_quickly()
    {
        var deep = new StringBuilder("<Patient xmlns=\"http://hl7.org/fhir\">");
        for (var i = 0; i < 100_000; i++)
        {
            deep.Append("<extension url=\"u\">");
        }

        var watch = Stopwatch.StartNew();
        var result = Read(deep.ToString());

        Assert.Null(result.Resource);
        Assert.Equal(IssueSeverity.Fatal, Single(result, ParseIssueCodes.TooDeep).Severity);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), "the reader must stop at the depth limit, not walk the whole document");
    }

    [Fact]
    public void Documents_over_the_size_limit_are_refused_before_reading()
    {
        var result = Read(MakePatientWithGiven(new string('a', 1000)), new FhirReaderOptions { MaxDocumentBytes = 500 });

        Assert.Null(result.Resource);
        Assert.Equal(IssueSeverity.Fatal, Single(result, ParseIssueCodes.TooLarge).Severity);
    }

    [Fact]
    public void A_50_MB_string_is_refused_by_the_string_limit_or_the_document_limit()
    {
        var huge = MakePatientWithGiven(new string('x', 50 * 1024 * 1024));

        Assert.Equal("Patient.name[0].given[0]", Single(Read(huge), ParseIssueCodes.StringTooLong).Location);
        Assert.Equal(ParseIssueCodes.TooLarge, Assert.Single(Read(huge, new FhirReaderOptions { MaxDocumentBytes = 32L * 1024 * 1024 }).Issues).Code);
    }

    [Fact]
    public void Invalid_UTF8_is_reported()
    {
        var bytes = Encoding.UTF8.GetBytes(MakePatientWithGiven("Zoë"));
        var at = Array.IndexOf(bytes, (byte)0xC3);
        bytes[at + 1] = 0x28;

        var result = FhirXmlReader.Parse(bytes);

        Assert.Equal(IssueSeverity.Fatal, Single(result, ParseIssueCodes.InvalidUtf8).Severity);
    }

    [Fact]
    public void Other_encodings_are_refused()
    {
        var result = Read("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><Patient xmlns=\"http://hl7.org/fhir\"/>");

        Assert.Contains("UTF-8", Single(result, ParseIssueCodes.XmlSyntax).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_documents_never_throw_and_always_fail()
    {
        var example = OfficialExamples.R4.First(e => e.Name == "Patient-example.json");
        var xml = FhirXmlWriter.SerializeToUtf8(FhirJsonReader.Parse(example.Content).Resource!);
        for (var cut = 0; cut < xml.Length - 1; cut += 7)
        {
            var result = FhirXmlReader.Parse(xml.AsSpan(0, cut));
            Assert.True(result.Resource is null, $"cut at {cut} was accepted");
            Assert.Contains(result.Issues, i => i.Severity == IssueSeverity.Fatal);
        }
    }

    [Fact]
    public void Content_after_the_resource_is_refused()
    {
        var result = Read("<Patient xmlns=\"http://hl7.org/fhir\"/><Patient xmlns=\"http://hl7.org/fhir\"/>");

        Assert.Null(result.Resource);
        Assert.Equal(ParseIssueCodes.XmlSyntax, Assert.Single(result.Issues).Code);
    }

    [Fact]
    public async Task Streams_over_the_limit_are_not_read_to_the_end()
    {
        var stream = new CountingStream(200_000);

        var result = await FhirXmlReader.ParseAsync(stream, options: new FhirReaderOptions { MaxDocumentBytes = 10_000 });

        Assert.Equal(ParseIssueCodes.TooLarge, Assert.Single(result.Issues).Code);
        Assert.True(stream.BytesRead < 200_000);
    }

    private static string MakePatientWithGiven(string given) =>
        $"<Patient xmlns=\"http://hl7.org/fhir\"><name><given value=\"{given}\"/></name></Patient>";

    /// <summary>A non-seekable stream of spaces that counts what was read.</summary>
    private sealed class CountingStream(long length) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - BytesRead);
            Array.Fill(buffer, (byte)' ', offset, n);
            BytesRead += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
