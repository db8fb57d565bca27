using System.CommandLine;

namespace FhirGateway.Cli.Validate;

/// <summary><c>fhirgw validate &lt;file&gt; [--profile &lt;url&gt;]... [--fhir-version 4.0]</c>.</summary>
internal static class ValidateCommand
{
    public static Command Create(Stream stdout, TextWriter stderr)
    {
        var file = new Argument<FileInfo>("file")
        {
            Description = "The FHIR resource to validate, JSON or XML (told apart by its first character, else by its extension).",
        };
        file.AcceptExistingOnly();

        var profile = new Option<string[]>("--profile")
        {
            Description = "The canonical URL of a profile to validate against as well as the base definitions (repeatable).",
            Arity = ArgumentArity.ZeroOrMore,
        };

        var fhirVersion = new Option<string>("--fhir-version")
        {
            Description = "The FHIR release of the resource; validation supports 4.0 (R4 4.0.1).",
            DefaultValueFactory = _ => "4.0",
        };
        fhirVersion.AcceptOnlyFromAmong("4.0");

        var command = new Command("validate", "Validates a FHIR resource against the R4 definitions and the given profiles, and writes an OperationOutcome (JSON) to stdout. Exit code 0: no errors; 1: errors; 2: usage error.")
        {
            file,
            profile,
            fhirVersion,
        };
        command.SetAction(result => new Validator(stdout, stderr).Run(result.GetRequiredValue(file), result.GetValue(profile) ?? []));
        return command;
    }
}
