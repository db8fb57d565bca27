namespace FhirGateway.Storage;

/// <summary>
/// The database could not be reached or cannot take work now (connection refused or lost, the server shutting down
/// or out of connections, the pool exhausted, the file unopenable or the disk full). Unlike
/// <see cref="TransientStorageException"/> the outcome of a write whose connection broke is unknown: repeating it is
/// safe only for requests that are idempotent or conditional.
/// </summary>
public sealed class StorageUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StorageUnavailableException()
        : base("The database is unavailable.")
    {
    }

    /// <summary>Creates the exception.</summary>
    public StorageUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception for the database error that showed it.</summary>
    public StorageUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
