namespace FhirGateway.Cli;

/// <summary>What fhirgw's exit code means.</summary>
internal static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Success = 0;

    /// <summary>The input is not a valid FHIR resource; an OperationOutcome says why (on stderr for convert, on stdout for validate).</summary>
    public const int InvalidInput = 1;

    /// <summary>The command line is wrong, or a file cannot be read.</summary>
    public const int Usage = 2;
}
