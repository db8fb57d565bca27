using System.Diagnostics;
using System.Reflection;
using FhirGateway.Storage.CrashWriter;

namespace FhirGateway.Storage.Tests.Crash;

/// <summary>Runs the crash writer as a child process and kills it while it writes.</summary>
internal static class CrashWriterProcess
{
    private static readonly string WriterPath = typeof(CrashWriterProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "CrashWriterPath").Value!;

    /// <summary>
    /// Starts the writer, waits for its first commit and a random moment more, and kills it. Returns whether the last
    /// line it printed was the start of a transaction (killed mid-write) and how many transactions it committed.
    /// </summary>
    public static async Task<(bool MidTransaction, int Commits)> RunAndKillAsync(string provider, string target, int run, Random random)
    {
        Assert.True(File.Exists(WriterPath), $"The crash writer is not built at {WriterPath}.");
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path ? path : "dotnet";
        var start = new ProcessStartInfo(host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { WriterPath, provider, run.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment[CrashConventions.TargetVariable] = target;

        using var process = new Process { StartInfo = start };
        string? last = null;
        var commits = 0;
        var errors = new System.Text.StringBuilder();
        var committed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            Volatile.Write(ref last, e.Data);
            if (e.Data.StartsWith(CrashConventions.Committed, StringComparison.Ordinal))
            {
                Interlocked.Increment(ref commits);
                committed.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (errors)
            {
                errors.AppendLine(e.Data);
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var exited = process.WaitForExitAsync();
            if (await Task.WhenAny(committed.Task, exited, Task.Delay(TimeSpan.FromSeconds(60))) != committed.Task)
            {
                lock (errors)
                {
                    Assert.Fail($"The crash writer did not commit (exited: {process.HasExited}): {errors}");
                }
            }

            await Task.Delay(random.Next(150, 700));
            var lastLine = Volatile.Read(ref last);
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return (lastLine?.StartsWith(CrashConventions.Begin, StringComparison.Ordinal) == true, Volatile.Read(ref commits));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
