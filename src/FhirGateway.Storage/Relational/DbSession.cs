using System.Data.Common;

namespace FhirGateway.Storage.Relational;

/// <summary>An open connection, its transaction (if any) and the provider: what every statement needs.</summary>
internal sealed class DbSession(DbConnection connection, DbTransaction? transaction, RelationalProvider provider)
{
    public RelationalProvider Provider => provider;

    /// <summary>The connection, for a provider's own bulk paths (SQLite's prepared index insert, PostgreSQL's COPY).</summary>
    public DbConnection Connection => connection;

    /// <summary>The session's transaction (null outside one).</summary>
    public DbTransaction? Transaction => transaction;

    /// <summary>Creates a command in the session's transaction.</summary>
    public DbCommand Command(string sql)
    {
        var command = provider.CreateCommand(connection, sql);
        command.Transaction = transaction;
        return command;
    }

    /// <summary>Runs a statement; returns the rows affected.</summary>
    public async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(sql);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
