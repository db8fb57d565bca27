using System.Diagnostics;
using System.Globalization;
using FhirGateway.Search;
using FhirGateway.Search.Configuration;
using FhirGateway.Search.Indexing;
using FhirGateway.Search.Probe;
using FhirGateway.Search.Query;
using FhirGateway.Storage;
using FhirGateway.Storage.Postgres;
using FhirGateway.Storage.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

// dotnet run -c Release --project benchmarks/FhirGateway.Search.Probe -- <sqlite|postgres> <target> <patients> <observations per patient> [load]
// target: the SQLite file, or the PostgreSQL connection string (its search path names an empty schema for a load).
if (args.Length < 4)
{
    Console.Error.WriteLine("usage: <sqlite|postgres> <file or connection string> <patients> <observations per patient> [load]");
    return 2;
}

var sqlite = args[0] == "sqlite";
var patients = int.Parse(args[2], CultureInfo.InvariantCulture);
var perPatient = int.Parse(args[3], CultureInfo.InvariantCulture);
var settings = new Dictionary<string, string?>
{
    ["Storage:Provider"] = sqlite ? "Sqlite" : "Postgres",
    [sqlite ? "Storage:Sqlite:Path" : "Storage:Postgres:ConnectionString"] = args[1],
};
var services = new ServiceCollection();
services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
services.AddLogging();
if (sqlite)
{
    services.AddSqliteResourceStore();
}
else
{
    services.AddPostgresResourceStore();
}

services.AddFhirSearch();
await using var provider = services.BuildServiceProvider();
var search = provider.GetRequiredService<SearchService>();
if (args.Length > 4 && args[4] == "load")
{
    var started = Stopwatch.StartNew();
    await Population.LoadAsync(provider.GetRequiredService<IResourceStore>(), provider.GetRequiredService<SearchIndexer>(), patients, perPatient);
    var elapsed = started.Elapsed;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"loaded {patients} patients and {patients * perPatient} observations in {elapsed}"));
}

var random = new Random(7);
string Patient() => "p" + random.Next(patients).ToString(CultureInfo.InvariantCulture);
string Code() => Population.Codes[random.Next(Population.Codes.Length)];
string Nhs() => Population.Identifier(random.Next(patients));

var probes = new (string Name, int Runs, Func<(string Type, string Query)> Next)[]
{
    ("Patient?identifier=", 3000, () => ("Patient", $"identifier={Population.NhsNumber}|{Nhs()}")),
    ("Observation?subject=&code=", 3000, () => ("Observation", $"subject=Patient/{Patient()}&code=http://loinc.org|{Code()}")),
    ("Observation?subject=&code=&date=ge", 3000, () => ("Observation", $"subject=Patient/{Patient()}&code=http://loinc.org|{Code()}&date=ge2020-01-01")),
    ("Observation?subject:Patient.identifier=", 1000, () => ("Observation", $"subject:Patient.identifier={Nhs()}")),
    ("Patient?family=", 1000, () => ("Patient", $"family=family{random.Next(5000)}")),
    ("Observation?code=&date=ge&_count=20", 300, () => ("Observation", $"code=http://loinc.org|{Code()}&date=ge2020-01-01&_count=20")),
    ("Patient?_has:Observation:patient:code=&_count=10", 100, () => ("Patient", $"_has:Observation:patient:code={Code()}&_count=10")),
    ("Patient?_sort=-birthdate&_count=20", 100, () => ("Patient", "_sort=-birthdate&_count=20")),
};

await TimeAsync(search, probes[0].Next, 500);
Console.WriteLine("search | runs | mean ms | p50 | p95 | p99");
foreach (var (name, runs, next) in probes)
{
    var times = await TimeAsync(search, next, runs);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name} | {runs} | {times.Average():F3} | {times[runs / 2]:F3} | {times[(int)(runs * 0.95)]:F3} | {times[(int)(runs * 0.99)]:F3}"));
}

foreach (var (name, _, next) in probes.Take(2))
{
    var perSecond = await ThroughputAsync(search, next, 5, 2);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name} on 2 threads: {perSecond:F0} searches/s"));
}

return 0;

// Each search as the REST layer runs it: parse, store, Bundle JSON.
static async Task<List<double>> TimeAsync(SearchService search, Func<(string Type, string Query)> next, int runs)
{
    var times = new List<double>(runs);
    for (var i = 0; i < runs; i++)
    {
        var (type, query) = next();
        var started = Stopwatch.GetTimestamp();
        var outcome = await search.SearchAsync(type, QueryStrings.Parse(query), new SearchOptions { BaseUrl = "http://localhost/fhir" });
        _ = outcome.ToBundleJson("http://localhost/fhir");
        times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    times.Sort();
    return times;
}

static async Task<double> ThroughputAsync(SearchService search, Func<(string Type, string Query)> next, int seconds, int threads)
{
    long count = 0;
    var until = Stopwatch.GetTimestamp() + (seconds * Stopwatch.Frequency);
    var gate = new Lock();
    await Task.WhenAll(Enumerable.Range(0, threads).Select(thread => Task.Run(async () =>
    {
        while (Stopwatch.GetTimestamp() < until)
        {
            (string Type, string Query) request;
            lock (gate)
            {
                request = next();
            }

            var outcome = await search.SearchAsync(request.Type, QueryStrings.Parse(request.Query), new SearchOptions { BaseUrl = "http://localhost/fhir" });
            _ = outcome.ToBundleJson("http://localhost/fhir");
            Interlocked.Increment(ref count);
        }
    })));
    return count / (double)seconds;
}
