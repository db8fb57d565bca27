namespace FhirGateway.FhirPath;

/// <summary>The expression text is not valid FHIRPath (https://hl7.org/fhirpath/N1/grammar.html).</summary>
public sealed class FhirPathSyntaxException : FhirPathException
{
    /// <summary>Creates a syntax error.</summary>
    public FhirPathSyntaxException()
    {
    }

    /// <summary>Creates a syntax error with a message.</summary>
    public FhirPathSyntaxException(string message)
        : base(message)
    {
    }

    /// <summary>Creates a syntax error with a message and a cause.</summary>
    public FhirPathSyntaxException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates a syntax error at a position.</summary>
    public FhirPathSyntaxException(string message, int position)
        : base($"{message} (at position {position})", position)
    {
    }
}
