using FhirGateway.Fhir.Definitions;
using FhirGateway.Fhir.Serialization;

namespace FhirGateway.Cli.Convert;

/// <summary>The formats convert writes.</summary>
internal enum OutputFormat
{
    Json,
    Xml,
}

/// <summary>Reads one resource with the release's definitions and writes it in the other (or the same) format.</summary>
internal sealed class Converter(Stream stdout, TextWriter stderr)
{
    public int Run(FileInfo file, OutputFormat to, FhirRelease release, bool pretty)
    {
        byte[] content;
        try
        {
            content = File.ReadAllBytes(file.FullName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"Cannot read {file.FullName}: {e.Message}");
            return ExitCodes.Usage;
        }

        var model = FhirModel.For(release);
        var result = InputFormats.Detect(content, file.Name) switch
        {
            InputFormat.Json => FhirJsonReader.Parse(content, model),
            InputFormat.Xml => FhirXmlReader.Parse(content, model),
            _ => new ParseResult(null, [new ParseIssue(IssueSeverity.Fatal, ParseIssueCodes.NotAResource, string.Empty,
                "The file is neither FHIR JSON (starting with '{') nor FHIR XML (starting with '<'), and its extension is not .json or .xml.")]),
        };

        if (result.Issues.Count > 0)
        {
            // Warnings are reported too; only errors make the input invalid.
            stderr.WriteLine(FhirJsonWriter.SerializeToString(OperationOutcomeFactory.FromIssues(result.Issues), pretty: true));
        }

        if (!result.Success)
        {
            return ExitCodes.InvalidInput;
        }

        var output = to == OutputFormat.Xml
            ? FhirXmlWriter.SerializeToUtf8(result.Resource!, pretty)
            : FhirJsonWriter.SerializeToUtf8(result.Resource!, pretty);
        stdout.Write(output);
        stdout.Write("\n"u8);
        stdout.Flush();
        return ExitCodes.Success;
    }
}
