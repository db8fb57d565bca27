using System.CommandLine;
using System.Text;
using FhirGateway.Cli.Convert;
using FhirGateway.Cli.Validate;

namespace FhirGateway.Cli;

/// <summary>The fhirgw command line: parses the arguments and runs the chosen command.</summary>
internal static class CliApp
{
    /// <summary>Runs fhirgw; <paramref name="stdout"/> receives output bytes, <paramref name="stderr"/> messages.</summary>
    public static int Run(string[] args, Stream stdout, TextWriter stderr)
    {
        using var output = new StreamWriter(stdout, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 4096, leaveOpen: true) { AutoFlush = true };
        var root = new RootCommand("fhirgw: FhirGateway's tools for FHIR resources.")
        {
            ConvertCommand.Create(stdout, stderr),
            ValidateCommand.Create(stdout, stderr),
        };

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0 && parsed.Action is not System.CommandLine.Help.HelpAction)
        {
            foreach (var error in parsed.Errors)
            {
                stderr.WriteLine(error.Message);
            }

            stderr.WriteLine("Run 'fhirgw --help' for usage.");
            return ExitCodes.Usage;
        }

        return parsed.Invoke(new InvocationConfiguration { Output = output, Error = stderr });
    }
}
