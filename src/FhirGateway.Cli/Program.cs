using FhirGateway.Cli;

// fhirgw: the converted resource goes to stdout as bytes; messages and OperationOutcomes go to stderr.
using var stdout = Console.OpenStandardOutput();
return CliApp.Run(args, stdout, Console.Error);
