using System.Globalization;
using FhirGateway.Fhir.Serialization;
using FhirGateway.Storage;
using FhirGateway.Storage.CrashWriter;
using FhirGateway.Storage.History;
using FhirGateway.Storage.Indexing;
using FhirGateway.Storage.Postgres;
using FhirGateway.Storage.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

// Usage: FHIRGATEWAY_CRASH_TARGET=<path or connection string> FhirGateway.Storage.CrashWriter <Sqlite|Postgres> <run number>
// Writes transactions of several creates, updates and deletes, forever, printing a line before and after each.
// The target comes from the environment so a connection string's password never shows in the process list.
var target = Environment.GetEnvironmentVariable(CrashConventions.TargetVariable);
if (args.Length != 2 || string.IsNullOrEmpty(target))
{
    await Console.Error.WriteLineAsync($"usage: {CrashConventions.TargetVariable}=<path or connection string> FhirGateway.Storage.CrashWriter <Sqlite|Postgres> <run>");
    return 2;
}

var provider = args[0];
var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Storage:Provider"] = provider,
    [string.Equals(provider, "Sqlite", StringComparison.OrdinalIgnoreCase) ? "Storage:Sqlite:Path" : "Storage:Postgres:ConnectionString"] = target,
}).Build();

var services = new ServiceCollection()
    .AddSingleton<IConfiguration>(configuration)
    .AddLogging()
    .AddSqliteResourceStore()
    .AddPostgresResourceStore();
await using var container = services.BuildServiceProvider();
var store = container.GetRequiredService<IResourceStore>();
var run = long.Parse(args[1], CultureInfo.InvariantCulture);
var random = new Random((int)run);

// Resources of earlier runs are updated and deleted too, so a kill can land in any kind of write.
var live = new List<string>();
var page = await store.HistoryAsync(new HistoryQuery { ResourceType = "Patient", Count = 50 });
live.AddRange(page.Entries.Where(e => !e.IsDeleted).Select(e => e.Id).Distinct());

for (long i = 0; ; i++)
{
    var batch = (run * 1_000_000) + i;
    Console.WriteLine($"{CrashConventions.Begin} {batch}");
    await using (var transaction = await store.BeginTransactionAsync())
    {
        var created = new List<string>();
        for (var member = 0; member < CrashConventions.BatchSize; member++)
        {
            var result = await transaction.CreateAsync(Write(batch, member, 1));
            created.Add(result.Version!.Id);
            await Task.Yield();
        }

        if (live.Count > 0)
        {
            var id = live[random.Next(live.Count)];
            var current = await transaction.ReadAsync("Patient", id);
            if (current.Status == ReadStatus.Found)
            {
                if (random.Next(10) == 0)
                {
                    await transaction.DeleteAsync("Patient", id, new DeleteOptions { ExpectedVersion = current.Version!.VersionId, OutboxTopics = [CrashConventions.Topic] });
                    live.Remove(id);
                }
                else
                {
                    var (originalBatch, member) = BatchOf(current.Version!.Json);
                    var next = current.Version.VersionId + 1;
                    await transaction.UpdateAsync(id, Write(originalBatch, member, next), new UpdateOptions { ExpectedVersion = current.Version.VersionId });
                }
            }
        }

        await transaction.CommitAsync();
        live.AddRange(created);
    }

    Console.WriteLine($"{CrashConventions.Committed} {batch}");
}

static ResourceWrite Write(long batch, int member, long version)
{
    var json = $$"""
        {"resourceType":"Patient","identifier":[{"system":"{{CrashConventions.BatchSystem}}","value":"{{batch}}-{{member}}"}],
         "name":[{"family":"Family{{version}}","given":["Member{{member}}"]}]}
        """;
    return new ResourceWrite(FhirJsonReader.Parse(json).Resource!)
    {
        IndexRows =
        [
            IndexRow.ForToken(CrashConventions.VersionParameter, null, version.ToString(CultureInfo.InvariantCulture)),
            IndexRow.ForToken(CrashConventions.BatchParameter, CrashConventions.BatchSystem, batch.ToString(CultureInfo.InvariantCulture)),
            IndexRow.ForString(CrashConventions.FamilyParameter, "family" + version, "Family" + version),
        ],
        IdentityKeys = [CrashConventions.IdentityKey(batch, member)],
        OutboxTopics = [CrashConventions.Topic],
    };
}

static (long Batch, int Member) BatchOf(ReadOnlyMemory<byte> json)
{
    var value = FhirJsonReader.Parse(json.Span).Resource!.Child("identifier")!.Child("value")!.Value!;
    var dash = value.IndexOf('-', StringComparison.Ordinal);
    return (long.Parse(value.AsSpan(0, dash), CultureInfo.InvariantCulture), int.Parse(value.AsSpan(dash + 1), CultureInfo.InvariantCulture));
}
