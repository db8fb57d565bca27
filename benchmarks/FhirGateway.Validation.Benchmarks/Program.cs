using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/FhirGateway.Validation.Benchmarks
BenchmarkSwitcher.FromAssembly(typeof(FhirGateway.Validation.Benchmarks.ValidationBenchmarks).Assembly).Run(args);
