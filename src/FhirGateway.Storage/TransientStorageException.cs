namespace FhirGateway.Storage;

/// <summary>
/// The database aborted a unit of work to settle a conflict with a concurrent one (PostgreSQL deadlock or
/// serialization failure, SQLite busy past the timeout). Nothing of the unit of work was committed; the caller may
/// run the whole unit of work again (for example a transaction Bundle, https://hl7.org/fhir/R4/http.html#trules).
/// </summary>
public sealed class TransientStorageException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TransientStorageException()
        : base("The database aborted the unit of work because of a concurrent one; nothing was committed.")
    {
    }

    /// <summary>Creates the exception.</summary>
    public TransientStorageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception for the database error that aborted the unit of work.</summary>
    public TransientStorageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
