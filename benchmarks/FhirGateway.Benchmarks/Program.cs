using BenchmarkDotNet.Running;
using FhirGateway.Benchmarks;

// BenchmarkDotNet's usual arguments (--filter, --list, --join, --job, ...) plus one of ours, --corpus all|small,
// passed to the benchmark processes through the environment.
var rest = new List<string>();
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--corpus" && i + 1 < args.Length)
    {
        var selection = args[++i];
        if (selection is not ("all" or "small"))
        {
            Console.Error.WriteLine("--corpus takes 'all' (the default) or 'small' (files under 64 KiB).");
            return 2;
        }

        Environment.SetEnvironmentVariable(Corpus.SelectionVariable, selection);
        continue;
    }

    rest.Add(args[i]);
}

BenchmarkSwitcher.FromAssembly(typeof(BenchmarkConfig).Assembly).Run([.. rest]);
return 0;
