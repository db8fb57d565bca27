using FhirGateway.Fhir.Serialization;

namespace FhirGateway.Validation.Tests.ValidatorCases;

/// <summary>Runs a case as <c>fhirgw validate</c> does: read (value formats left to validation), then validate.</summary>
internal static class CaseRunner
{
    private static readonly FhirReaderOptions ReaderOptions = new() { ValidatePrimitiveValues = false };

    public static ValidationResult Run(ValidatorCase c)
    {
        var bytes = File.ReadAllBytes(c.Path);
        var parsed = c.Format == "json" ? FhirJsonReader.Parse(bytes, null, ReaderOptions) : FhirXmlReader.Parse(bytes, null, ReaderOptions);
        var issues = parsed.Issues.Select(ValidationIssue.FromParseIssue).ToList();
        if (parsed.Resource is not null)
        {
            issues.AddRange(new FhirValidator(CaseNotes.OptionsFor(c.Name)).Validate(parsed.Resource).Issues);
        }

        return ValidationResult.From(issues);
    }
}
