using FhirGateway.Cli.Convert;
using FhirGateway.Fhir.Serialization;
using FhirGateway.Validation;

namespace FhirGateway.Cli.Validate;

/// <summary>Reads one resource, validates it, and writes the OperationOutcome of the reader's and the validator's issues.</summary>
internal sealed class Validator(Stream stdout, TextWriter stderr)
{
    // Primitive formats are left to validation, so each bad value is reported once, with validation's wording, and
    // the element stays in the tree for the other rules.
    private static readonly FhirReaderOptions ReaderOptions = new() { ValidatePrimitiveValues = false };

    public int Run(FileInfo file, IReadOnlyList<string> profiles)
    {
        var validator = FhirValidator.Default;
        var unknown = profiles.Where(p => !validator.Resources.IsKnownStructureDefinition(p)).ToList();
        if (unknown.Count > 0)
        {
            foreach (var url in unknown)
            {
                stderr.WriteLine($"Unknown profile: {url}");
            }

            stderr.WriteLine("Known gateway profiles: " + string.Join(", ", validator.Resources.GatewayProfileUrls));
            return ExitCodes.Usage;
        }

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

        var parsed = InputFormats.Detect(content, file.Name) switch
        {
            InputFormat.Json => FhirJsonReader.Parse(content, null, ReaderOptions),
            InputFormat.Xml => FhirXmlReader.Parse(content, null, ReaderOptions),
            _ => new ParseResult(null, [new ParseIssue(IssueSeverity.Fatal, ParseIssueCodes.NotAResource, string.Empty,
                "The file is neither FHIR JSON (starting with '{') nor FHIR XML (starting with '<'), and its extension is not .json or .xml.")]),
        };

        var issues = parsed.Issues.Select(ValidationIssue.FromParseIssue).ToList();
        if (parsed.Resource is not null)
        {
            issues.AddRange(validator.Validate(parsed.Resource, profiles).Issues);
        }

        var result = ValidationResult.From(issues);
        stdout.Write(FhirJsonWriter.SerializeToUtf8(result.ToOperationOutcome(), pretty: true));
        stdout.Write("\n"u8);
        stdout.Flush();
        return result.IsValid ? ExitCodes.Success : ExitCodes.InvalidInput;
    }
}
