namespace FhirGateway.FhirPath;

/// <summary>
/// Evaluation ended with an error: more than one item where one is expected, operands of incompatible types,
/// an undefined environment variable, and the other run-time errors the specification names.
/// </summary>
public sealed class FhirPathEvaluationException : FhirPathException
{
    /// <summary>Creates an evaluation error.</summary>
    public FhirPathEvaluationException()
    {
    }

    /// <summary>Creates an evaluation error with a message.</summary>
    public FhirPathEvaluationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an evaluation error with a message and a cause.</summary>
    public FhirPathEvaluationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an evaluation error at a position.</summary>
    public FhirPathEvaluationException(string message, int position)
        : base($"{message} (at position {position})", position)
    {
    }
}
