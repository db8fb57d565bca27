using System.Diagnostics;
using FhirGateway.Cli.Tests.TestSupport;
using FhirGateway.Fhir.Tests.TestSupport;

namespace FhirGateway.Cli.Tests.Convert;

/// <summary>The built fhirgw.dll as a separate process: real stdout, stderr and exit codes.</summary>
public sealed class ProcessTests(TempFiles files) : IClassFixture<TempFiles>
{
    [Fact]
    public async Task Built_tool_converts_and_reports_exit_codes()
    {
        var valid = files.Write("process.json", OfficialExamples.R4.Single(e => e.Name == "Patient-example.json").Content);
        var invalid = files.Write("process-invalid.json", """{"resourceType":"Patient","nickname":"Jim"}""");

        var ok = await RunAsync("convert", valid, "--to", "xml");
        var bad = await RunAsync("convert", invalid, "--to", "xml");
        var usage = await RunAsync("convert", valid);

        Assert.True(ok.ExitCode == 0, ok.Stderr);
        Assert.Contains("<Patient xmlns=\"http://hl7.org/fhir\">", ok.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("\"resourceType\": \"OperationOutcome\"", bad.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, usage.ExitCode);
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "fhirgw.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout, await stderr);
    }
}
