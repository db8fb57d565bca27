using System.Text;
using FhirGateway.Storage.History;

namespace FhirGateway.Storage.Relational;

/// <summary>
/// History pages by keyset on the global write sequence <c>seq</c>, newest first
/// (https://hl7.org/fhir/R4/http.html#history). A page continues strictly below the cursor, so later writes (which
/// get larger sequence numbers) never appear in or shift the following pages.
/// </summary>
internal static class HistoryReader
{
    public static async Task<HistoryPage> ReadAsync(DbSession db, HistoryQuery query, CancellationToken cancellationToken)
    {
        var count = Math.Min(query.Count, HistoryQuery.MaxCount);
        await using var command = db.Command(string.Empty);
        var sql = new StringBuilder("SELECT v.seq, " + ResourceRows.VersionColumns + " FROM resource_versions v WHERE 1 = 1");
        if (query.Id is not null)
        {
            sql.Append(" AND v.resource_key = (SELECT resource_key FROM resources WHERE resource_type = @type AND resource_id = @id)");
            command.WithText("@type", query.ResourceType).WithText("@id", query.Id);
        }
        else if (query.ResourceType is not null)
        {
            sql.Append(" AND v.resource_type = @type");
            command.WithText("@type", query.ResourceType);
        }

        if (query.Since is { } since)
        {
            sql.Append(" AND v.last_updated >= @since");
            command.WithTimestamp(db.Provider, "@since", since);
        }

        if (query.After is { } after)
        {
            sql.Append(" AND v.seq < @after");
            command.WithInt64("@after", after.Position);
        }

        sql.Append(" ORDER BY v.seq DESC LIMIT @limit");
        command.WithInt32("@limit", count + 1);
        command.CommandText = sql.ToString();

        var entries = new List<ResourceVersion>(Math.Min(count, 64));
        long last = 0;
        var more = false;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (entries.Count == count)
            {
                more = true;
                break;
            }

            last = reader.GetInt64(0);
            entries.Add(ResourceRows.ReadVersion(reader, db.Provider, 1));
        }

        return new HistoryPage(entries, more ? new HistoryCursor(last) : null);
    }
}
