namespace FhirGateway.FhirPath;

/// <summary>
/// The expression parses but cannot be valid: an unknown function, a wrong number of arguments, or (with
/// strict checking, https://hl7.org/fhirpath/N1/#type-safety-and-strict-evaluation) a path or type that the
/// model does not have.
/// </summary>
public sealed class FhirPathSemanticException : FhirPathException
{
    /// <summary>Creates a semantic error.</summary>
    public FhirPathSemanticException()
    {
    }

    /// <summary>Creates a semantic error with a message.</summary>
    public FhirPathSemanticException(string message)
        : base(message)
    {
    }

    /// <summary>Creates a semantic error with a message and a cause.</summary>
    public FhirPathSemanticException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates a semantic error at a position.</summary>
    public FhirPathSemanticException(string message, int position)
        : base($"{message} (at position {position})", position)
    {
    }
}
