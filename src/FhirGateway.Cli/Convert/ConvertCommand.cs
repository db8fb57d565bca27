using System.CommandLine;

namespace FhirGateway.Cli.Convert;

/// <summary><c>fhirgw convert &lt;file&gt; --to json|xml [--fhir-version 4.0|3.0] [--pretty]</c>.</summary>
internal static class ConvertCommand
{
    public static Command Create(Stream stdout, TextWriter stderr)
    {
        var file = new Argument<FileInfo>("file")
        {
            Description = "The FHIR resource to read, JSON or XML (told apart by its first character, else by its extension).",
        };
        file.AcceptExistingOnly();

        var to = new Option<string>("--to")
        {
            Description = "The format to write to stdout.",
            Required = true,
        };
        to.AcceptOnlyFromAmong("json", "xml");

        var fhirVersion = new Option<string>("--fhir-version")
        {
            Description = "The FHIR release of the resource: 4.0 (R4 4.0.1) or 3.0 (STU3 3.0.2).",
            DefaultValueFactory = _ => "4.0",
        };
        fhirVersion.AcceptOnlyFromAmong("4.0", "3.0");

        var pretty = new Option<bool>("--pretty")
        {
            Description = "Indent the output.",
        };

        var command = new Command("convert", "Reads a FHIR resource and writes it to stdout as JSON or XML. Invalid input gives an OperationOutcome on stderr and exit code 1.")
        {
            file,
            to,
            fhirVersion,
            pretty,
        };
        command.SetAction(result => new Converter(stdout, stderr).Run(
            result.GetRequiredValue(file),
            result.GetRequiredValue(to) == "xml" ? OutputFormat.Xml : OutputFormat.Json,
            result.GetRequiredValue(fhirVersion) == "3.0" ? Fhir.Definitions.FhirRelease.Stu3 : Fhir.Definitions.FhirRelease.R4,
            result.GetValue(pretty)));
        return command;
    }
}
