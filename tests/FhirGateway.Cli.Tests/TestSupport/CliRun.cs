using System.Text;

namespace FhirGateway.Cli.Tests.TestSupport;

/// <summary>One in-process run of fhirgw: its exit code, the bytes it wrote to stdout and the text it wrote to stderr.</summary>
internal sealed record CliRun(int ExitCode, byte[] Stdout, string Stderr)
{
    public string StdoutText => Encoding.UTF8.GetString(Stdout);

    public static CliRun Of(params string[] args)
    {
        using var stdout = new MemoryStream();
        using var stderr = new StringWriter();
        var exitCode = CliApp.Run(args, stdout, stderr);
        return new CliRun(exitCode, stdout.ToArray(), stderr.ToString());
    }

    public override string ToString() => $"exit {ExitCode}; stderr: {Stderr}";
}
