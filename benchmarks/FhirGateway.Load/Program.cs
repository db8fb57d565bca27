using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using FhirGateway.Load;

// Loads a synthetic population into a running gateway through transaction Bundles and writes the files the wrk
// scripts of benchmarks/load pick their ids from. Usage:
//   FhirGateway.Load --base http://127.0.0.1:8080/fhir --patients 100000 --observations 1000000 --out DIR
//                    [--bundle 500] [--clients 4] [--start 0 (the first patient number, to load more into the same gateway)]
var settings = LoadSettings.Parse(args);
Directory.CreateDirectory(settings.OutputDirectory);

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = settings.Clients, AutomaticDecompression = DecompressionMethods.None })
{
    BaseAddress = new Uri(settings.BaseUrl.TrimEnd('/') + "/"),
    Timeout = TimeSpan.FromMinutes(10),
};

var patientIds = new string[settings.Patients];
var started = Stopwatch.StartNew();
await Loader.RunAsync(settings, "Patients", Batches(settings.Patients, settings.BundleSize), async (first, count) =>
{
    var population = new Population(first);
    var body = Loader.Transaction(count, "Patient", (w, i) => population.WritePatient(w, Population.LocalNumber(settings.Start + first + i), Population.NhsNumber(settings.Start + first + i)));
    var locations = await Loader.PostAsync(http, body, count);
    for (var i = 0; i < count; i++)
    {
        patientIds[first + i] = locations[i];
    }
});
var patientSeconds = started.Elapsed.TotalSeconds;
Report("patients", settings.Patients, patientSeconds);

started.Restart();
await Loader.RunAsync(settings, "Observations", Batches(settings.Observations, settings.BundleSize), async (first, count) =>
{
    var population = new Population(1_000_000_000 + first);
    var body = Loader.Transaction(count, "Observation", (w, i) => population.WriteObservation(w, patientIds[(first + i) % patientIds.Length]));
    await Loader.PostAsync(http, body, count);
});
var observationSeconds = started.Elapsed.TotalSeconds;
Report("observations", settings.Observations, observationSeconds);
Report("all", settings.Patients + settings.Observations, patientSeconds + observationSeconds);

// The files the wrk scripts read: one value per line, ready to put in a URL.
await File.WriteAllLinesAsync(Path.Combine(settings.OutputDirectory, "patient-ids.txt"), patientIds);
await File.WriteAllLinesAsync(
    Path.Combine(settings.OutputDirectory, "patient-identifiers.txt"),
    Enumerable.Range(settings.Start, settings.Patients).Select(i => Uri.EscapeDataString(Population.NhsNumberSystem + "|" + Population.NhsNumber(i))));
await File.WriteAllLinesAsync(
    Path.Combine(settings.OutputDirectory, "observation-codes.txt"),
    Codes.All.Select(c => Uri.EscapeDataString(c.System + "|" + c.Code)));
await File.WriteAllLinesAsync(
    Path.Combine(settings.OutputDirectory, "patient-numbers.txt"),
    Enumerable.Range(settings.Start, settings.Patients).Select(i => Population.NhsNumber(i) + " " + Population.LocalNumber(i)));
// The body the mixed scenario creates and updates Patients with; it puts identifiers in for __NHS__ and __LOCAL__
// (identifiers are unique per type on the gateway, so each create needs new ones and each update the Patient's own).
await File.WriteAllBytesAsync(Path.Combine(settings.OutputDirectory, "patient-template.json"), Loader.Resource(w => new Population(7).WritePatient(w, "__LOCAL__", "__NHS__")));
return 0;

static IEnumerable<(int First, int Count)> Batches(int total, int size)
{
    for (var first = 0; first < total; first += size)
    {
        yield return (first, Math.Min(size, total - first));
    }
}

static void Report(string what, int count, double seconds) =>
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"LOAD {what} resources={count} seconds={seconds:F1} rate={count / Math.Max(seconds, 1e-9):F0}"));

internal sealed record LoadSettings(string BaseUrl, int Patients, int Observations, int BundleSize, int Clients, string OutputDirectory, int Start)
{
    public static LoadSettings Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i]] = args[i + 1];
        }

        int Int(string name, int fallback) => values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        var settings = new LoadSettings(
            values.GetValueOrDefault("--base", "http://127.0.0.1:8080/fhir"),
            Int("--patients", 1000),
            Int("--observations", 10000),
            Int("--bundle", 500),
            Int("--clients", 4),
            values.GetValueOrDefault("--out", "load-data"),
            Int("--start", 0));
        if (settings.Patients < 1 || settings.Observations < 0 || settings.BundleSize < 1 || settings.Clients < 1 || settings.Start < 0)
        {
            throw new ArgumentException("--patients, --bundle and --clients must be positive, --observations and --start not negative.");
        }

        return settings;
    }
}

internal static class Loader
{
    // As clients commonly write JSON: '<', '>' and quotes in the narrative are not escaped as \u003C.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly MediaTypeHeaderValue FhirJson = MediaTypeHeaderValue.Parse("application/fhir+json");

    public static async Task RunAsync(LoadSettings settings, string what, IEnumerable<(int First, int Count)> batches, Func<int, int, Task> post)
    {
        var all = batches.ToList();
        var total = all.Sum(b => b.Count);
        var posted = 0;
        var clock = Stopwatch.StartNew();
        using var work = all.GetEnumerator();
        var gate = new object();
        async Task Worker()
        {
            while (true)
            {
                (int First, int Count) batch;
                lock (gate)
                {
                    if (!work.MoveNext())
                    {
                        return;
                    }

                    batch = work.Current;
                }

                await post(batch.First, batch.Count);
                var done = Interlocked.Add(ref posted, batch.Count);
                if (done * 10 / total != (done - batch.Count) * 10 / total)
                {
                    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"load: {done} of {total} {what} posted, {done / clock.Elapsed.TotalSeconds:F0}/s"));
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, settings.Clients).Select(_ => Task.Run(Worker)));
    }

    /// <summary>A transaction Bundle of <paramref name="count"/> POST entries of <paramref name="type"/>.</summary>
    public static byte[] Transaction(int count, string type, Action<Utf8JsonWriter, int> resource)
    {
        var buffer = new ArrayBufferWriter<byte>(count * 4096);
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("resourceType", "Bundle");
            w.WriteString("type", "transaction");
            w.WriteStartArray("entry");
            for (var i = 0; i < count; i++)
            {
                w.WriteStartObject();
                w.WriteString("fullUrl", "urn:uuid:" + Guid.NewGuid().ToString("D"));
                w.WritePropertyName("resource");
                resource(w, i);
                w.WriteStartObject("request");
                w.WriteString("method", "POST");
                w.WriteString("url", type);
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] Resource(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(w);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Posts a transaction and returns the id of each entry's resource, from <c>entry.response.location</c>.</summary>
    public static async Task<string[]> PostAsync(HttpClient http, byte[] body, int count)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = FhirJson;
        using var request = new HttpRequestMessage(HttpMethod.Post, string.Empty) { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/fhir+json"));
        using var response = await http.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"The transaction answered {(int)response.StatusCode}: {Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, 2000))}");
        }

        using var document = JsonDocument.Parse(bytes);
        var ids = new string[count];
        var i = 0;
        foreach (var entry in document.RootElement.GetProperty("entry").EnumerateArray())
        {
            // Type/id/_history/version (https://hl7.org/fhir/R4/http.html#transaction-response).
            var location = entry.GetProperty("response").GetProperty("location").GetString() ?? string.Empty;
            var parts = location.Split('/');
            var at = Array.IndexOf(parts, "_history");
            ids[i++] = at >= 1 ? parts[at - 1] : parts[^1];
        }

        return i == count ? ids : throw new InvalidOperationException($"The transaction answered {i} entries for {count}.");
    }
}
