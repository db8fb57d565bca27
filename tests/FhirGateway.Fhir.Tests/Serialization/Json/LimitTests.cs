using System.Text;
using FhirGateway.Fhir.Serialization;
using static FhirGateway.Fhir.Tests.Serialization.Json.JsonRead;
using Codes = FhirGateway.Fhir.Serialization.ParseIssueCodes;

namespace FhirGateway.Fhir.Tests.Serialization.Json;

/// <summary>The limits in <see cref="FhirReaderOptions"/> hold against hostile input: reported as fatal, never a crash.</summary>
public sealed class LimitTests
{
    [Fact]
    public void Deeply_nested_arrays_are_too_deep_without_overflowing_the_stack()
    {
        const int levels = 100_000;
        var json = """{"resourceType":"Patient","extension":""" + new string('[', levels) + new string(']', levels) + "}";

        var result = R4(json);

        AssertIssues(result, Error(Codes.WrongJsonType, "Patient.extension[0]"), Fatal(Codes.TooDeep, "Patient.extension[0]"));
        Assert.Null(result.Resource);
    }

    [Theory]
    [InlineData("\"foo\":", "Patient")]
    [InlineData("\"name\":[{\"given\":", "Patient.name[0].given[0]")]
    [InlineData("\"text\":{\"div\":", "Patient.text")]
    public void Deep_nesting_is_too_deep_wherever_it_is(string opening, string location)
    {
        var json = """{"resourceType":"Patient",""" + opening + new string('[', 100_000) + new string(']', 100_000) + "}";

        var fatal = AssertFatal(R4(json), Codes.TooDeep);

        Assert.Equal(location, fatal.Location);
    }

    [Fact]
    public void Deep_nesting_before_resourceType_is_too_deep()
    {
        var json = "{\"foo\":" + new string('[', 100_000) + new string(']', 100_000) + ",\"resourceType\":\"Patient\"}";

        AssertIssues(R4(json), Fatal(Codes.TooDeep, string.Empty));
    }

    [Theory]
    [InlineData(60)]
    [InlineData(100_000)]
    public void Nested_extensions_beyond_the_limit_are_too_deep(int levels)
    {
        var json = new StringBuilder("""{"resourceType":"Patient" """);
        for (var i = 0; i < levels; i++)
        {
            json.Append(""","extension":[{"url":"http://x" """);
        }

        for (var i = 0; i < levels; i++)
        {
            json.Append("}]");
        }

        json.Append('}');

        var fatal = AssertFatal(R4(json.ToString()), Codes.TooDeep);

        // Each extension is an array and an object: 2 levels each, below the root object's 1. The path stops at the
        // 50th extension, the object that would open level 101.
        Assert.Equal("Patient" + string.Concat(Enumerable.Repeat(".extension[0]", 50)), fatal.Location);
    }

    [Fact]
    public void Nesting_exactly_at_the_limit_is_read()
    {
        // Levels: resource object 1, name array 2, HumanName object 3, given array 4.
        const string json = """{"resourceType":"Patient","name":[{"given":["a"]}]}""";

        AssertClean(R4(json, new FhirReaderOptions { MaxDepth = 4 }));
        Assert.Equal("Patient.name[0].given", AssertFatal(R4(json, new FhirReaderOptions { MaxDepth = 3 }), Codes.TooDeep).Location);
        Assert.Equal("Patient.name[0]", AssertFatal(R4(json, new FhirReaderOptions { MaxDepth = 2 }), Codes.TooDeep).Location);
    }

    [Fact]
    public void A_raised_depth_limit_still_cannot_overflow_the_stack()
    {
        const int levels = 200_000;
        var json = new StringBuilder("""{"resourceType":"Patient" """);
        for (var i = 0; i < levels; i++)
        {
            json.Append(""","extension":[{"url":"http://x" """);
        }

        for (var i = 0; i < levels; i++)
        {
            json.Append("}]");
        }

        json.Append('}');

        AssertFatal(R4(json.ToString(), new FhirReaderOptions { MaxDepth = int.MaxValue - 1 }), Codes.TooDeep);
    }

    [Fact]
    public void A_50_MB_string_is_too_long_under_the_default_limits()
    {
        // The default document limit (64 MiB) admits 50 MB; the default string limit (16 Mi characters) does not.
        var result = R4(BinaryWithData(50_000_000));

        var binary = AssertErrors(result, Error(Codes.StringTooLong, "Binary.data"));
        Assert.Equal("text/plain", ValueAt(binary, "contentType"));
    }

    [Fact]
    public void A_50_MB_string_is_too_large_for_a_smaller_document_limit()
    {
        var result = R4(BinaryWithData(50_000_000), new FhirReaderOptions { MaxDocumentBytes = 32 * 1024 * 1024 });

        AssertIssues(result, Fatal(Codes.TooLarge, string.Empty));
        Assert.Null(result.Resource);
    }

    [Fact]
    public void A_50_MB_string_is_too_long_for_a_raised_document_limit_and_a_lower_string_limit()
    {
        var options = new FhirReaderOptions { MaxDocumentBytes = 128 * 1024 * 1024, MaxStringLength = 1024 * 1024 };

        var binary = AssertErrors(R4(BinaryWithData(50_000_000), options), Error(Codes.StringTooLong, "Binary.data"));

        Assert.Equal("text/plain", ValueAt(binary, "contentType"));
    }

    [Theory]
    [InlineData("\"éééééééééé\"", true)]
    [InlineData("\"ééééééééééé\"", false)]
    [InlineData("\"😀😀😀😀😀\"", true)]
    [InlineData("\"\\u0041\\u0042\\u0043\\u0044\\u0045\\u0046\\u0047\\u0048\\u0049\\u004A\"", true)]
    [InlineData("\"\\u0041\\u0042\\u0043\\u0044\\u0045\\u0046\\u0047\\u0048\\u0049\\u004A\\u004B\"", false)]
    [InlineData("12345.6789", true)]
    [InlineData("12345.67890", false)]
    public void The_string_limit_counts_characters_not_bytes(string value, bool accepted)
    {
        var options = new FhirReaderOptions { MaxStringLength = 10 };
        var member = value.StartsWith('"') ? "\"family\":" + value : "\"family\":\"F\"";
        var extension = value.StartsWith('"') ? string.Empty : $$$""","extension":[{"url":"http://x","valueDecimal":{{{value}}}}]""";

        var result = R4($$$"""{"resourceType":"Patient","name":[{{{{member}}}}]{{{extension}}}}""", options);

        if (accepted)
        {
            AssertClean(result);
        }
        else
        {
            AssertErrors(result, Error(Codes.StringTooLong, value.StartsWith('"') ? "Patient.name[0].family" : "Patient.extension[0].valueDecimal"));
        }
    }

    [Fact]
    public void A_small_document_limit_applies_to_strings_too()
    {
        AssertIssues(R4("""{"resourceType":"Patient","id":"a"}""", new FhirReaderOptions { MaxDocumentBytes = 10 }), Fatal(Codes.TooLarge, string.Empty));
    }

    [Fact]
    public async Task ParseAsync_stops_reading_a_stream_that_exceeds_the_limit()
    {
        const int limit = 1024 * 1024;
        var stream = new EndlessJsonStream();

        var result = await FhirJsonReader.ParseAsync(stream, options: new FhirReaderOptions { MaxDocumentBytes = limit });

        AssertIssues(result, Fatal(Codes.TooLarge, string.Empty));
        Assert.Null(result.Resource);
        Assert.InRange(stream.BytesRead, limit, limit + (256 * 1024));
    }

    [Fact]
    public async Task ParseAsync_stops_a_stream_beyond_the_default_limit()
    {
        var stream = new EndlessJsonStream();

        var result = await FhirJsonReader.ParseAsync(stream);

        AssertIssues(result, Fatal(Codes.TooLarge, string.Empty));
        Assert.InRange(stream.BytesRead, FhirReaderOptions.Default.MaxDocumentBytes, FhirReaderOptions.Default.MaxDocumentBytes + (256 * 1024));
    }

    [Fact]
    public async Task ParseAsync_refuses_a_seekable_stream_over_the_limit_without_reading_it()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(BinaryWithData(2000)));

        var result = await FhirJsonReader.ParseAsync(stream, options: new FhirReaderOptions { MaxDocumentBytes = 1000 });

        AssertIssues(result, Fatal(Codes.TooLarge, string.Empty));
        Assert.Equal(0, stream.Position);
    }

    [Fact]
    public async Task ParseAsync_reads_a_stream_within_the_limit_in_small_pieces()
    {
        var json = Encoding.UTF8.GetBytes("""{"resourceType":"Patient","name":[{"family":"Chalmers"}]}""");
        using var stream = new TrickleStream(json);

        var result = await FhirJsonReader.ParseAsync(stream, options: new FhirReaderOptions { MaxDocumentBytes = json.Length });

        Assert.Equal("Chalmers", ValueAt(AssertClean(result), "name.family"));
    }

    [Fact]
    public void Reading_stops_after_the_issue_limit()
    {
        var members = string.Concat(Enumerable.Range(0, 5000).Select(i => $",\"x{i}\":1"));

        var result = R4("{\"resourceType\":\"Patient\"" + members + "}");

        Assert.Equal(1001, result.Issues.Count);
        Assert.All(result.Issues.Take(1000), i => Assert.Equal(Codes.UnknownElement, i.Code));
        Assert.Equal("Patient.x999", result.Issues[999].Location);
        Assert.Equal("Patient.x1000", AssertFatal(result, Codes.TooManyIssues).Location);
    }

    [Fact]
    public void The_issue_limit_can_be_set()
    {
        var result = R4("""{"resourceType":"Patient","a":1,"b":2,"c":3}""", new FhirReaderOptions { MaxIssues = 2 });

        AssertIssues(result, Error(Codes.UnknownElement, "Patient.a"), Error(Codes.UnknownElement, "Patient.b"), Fatal(Codes.TooManyIssues, "Patient.c"));
    }

    private static string BinaryWithData(int length) =>
        "{\"resourceType\":\"Binary\",\"contentType\":\"text/plain\",\"data\":\"" + new string('A', length) + "\"}";

    /// <summary>A non-seekable stream of JSON that never ends, counting what was read from it.</summary>
    private sealed class EndlessJsonStream : Stream
    {
        private static readonly byte[] Start = Encoding.UTF8.GetBytes("{\"resourceType\":\"Binary\",\"data\":\"");

        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var target = buffer.AsSpan(offset, count);
            target.Fill((byte)'A');
            if (BytesRead < Start.Length)
            {
                Start.AsSpan((int)BytesRead, Math.Min(count, Start.Length - (int)BytesRead)).CopyTo(target);
            }

            BytesRead += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>A non-seekable stream that hands out a few bytes at a time.</summary>
    private sealed class TrickleStream(byte[] content) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(Math.Min(count, 7), content.Length - _position);
            Array.Copy(content, _position, buffer, offset, n);
            _position += n;
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
