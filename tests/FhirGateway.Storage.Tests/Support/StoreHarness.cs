using System.Data.Common;
using FhirGateway.Storage.Configuration;
using FhirGateway.Storage.Relational;
using Microsoft.Extensions.Logging.Abstractions;

namespace FhirGateway.Storage.Tests.Support;

/// <summary>What both harnesses share: the stores they made, raw queries and disposal.</summary>
internal abstract class StoreHarness : IStoreHarness
{
    private readonly List<RelationalResourceStore> _stores = [];
    private RelationalResourceStore? _first;

    public abstract StorageProvider Provider { get; }

    public TestClock Clock { get; } = new();

    public abstract string Target { get; }

    public RelationalResourceStore Store => _first ??= NewInstance();

    public RelationalResourceStore NewInstance()
    {
        var store = new RelationalResourceStore(CreateProvider(), Clock, NullLogger<RelationalResourceStore>.Instance);
        lock (_stores)
        {
            _stores.Add(store);
        }

        return store;
    }

    public async Task<long> ScalarAsync(string sql)
    {
        var rows = await RowsAsync(sql);
        return Convert.ToInt64(rows[0][0], System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<List<object?[]>> RowsAsync(string sql)
    {
        var rows = new List<object?[]>();
        await using var connection = await Store.Provider.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using DbDataReader reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.Provider.DisposeAsync();
        }

        await DropDatabaseAsync();
    }

    protected abstract RelationalProvider CreateProvider();

    protected abstract Task DropDatabaseAsync();
}
