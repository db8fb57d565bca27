namespace FhirGateway.FhirPath;

/// <summary>
/// Base of the errors FHIRPath signals: a syntax error while parsing, a semantic error found when the
/// expression is compiled, or an error while it is evaluated ("the evaluation will end and signal an error to
/// the calling environment", https://hl7.org/fhirpath/N1/#singleton-evaluation-of-collections).
/// </summary>
public class FhirPathException : Exception
{
    /// <summary>Creates an error.</summary>
    public FhirPathException()
    {
    }

    /// <summary>Creates an error with a message.</summary>
    public FhirPathException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an error with a message and a cause.</summary>
    public FhirPathException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an error at a position of the expression text.</summary>
    public FhirPathException(string message, int position)
        : base(message)
    {
        Position = position;
    }

    /// <summary>The zero-based character offset in the expression the error relates to, when known.</summary>
    public int? Position { get; }
}
