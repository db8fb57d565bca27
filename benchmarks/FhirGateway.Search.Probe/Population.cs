using System.Globalization;
using FhirGateway.Fhir.Serialization;
using FhirGateway.Search.Indexing;
using FhirGateway.Storage;

namespace FhirGateway.Search.Probe;

/// <summary>
/// A synthetic population: patients <c>p0..pN</c> with an NHS number each, and observations per patient with one of
/// twenty LOINC-style codes, a date between 2015 and 2024 and a weight. Written in units of work of a hundred patients.
/// </summary>
internal static class Population
{
    public const string NhsNumber = "https://fhir.nhs.uk/Id/nhs-number";

    public static readonly string[] Codes = Enumerable.Range(0, 20).Select(i => $"{1000 + i}-{i % 10}").ToArray();

    public static string Identifier(int patient) => (9000000000L + patient).ToString(CultureInfo.InvariantCulture);

    public static async Task LoadAsync(IResourceStore store, SearchIndexer indexer, int patients, int observationsPerPatient)
    {
        var random = new Random(42);
        for (var first = 0; first < patients; first += 100)
        {
            await using var unit = await store.BeginTransactionAsync();
            for (var p = first; p < Math.Min(patients, first + 100); p++)
            {
                var patient = $$"""
                    {"resourceType":"Patient","identifier":[{"system":"{{NhsNumber}}","value":"{{Identifier(p)}}"}],
                     "name":[{"family":"Family{{p % 5000}}","given":["Given{{p % 300}}"]}],"gender":"{{(p % 2 == 0 ? "male" : "female")}}",
                     "birthDate":"{{2015 + (p % 8)}}-0{{1 + (p % 9)}}-1{{p % 9}}"}
                    """;
                await unit.UpdateAsync("p" + p.ToString(CultureInfo.InvariantCulture), indexer.PrepareWrite(Read(patient)), new UpdateOptions { AllowCreate = true });
                for (var o = 0; o < observationsPerPatient; o++)
                {
                    var observation = $$$"""
                        {"resourceType":"Observation","status":"final",
                         "category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category","code":"survey"}]}],
                         "code":{"coding":[{"system":"http://loinc.org","code":"{{{Codes[random.Next(Codes.Length)]}}}"}]},
                         "subject":{"reference":"Patient/p{{{p}}}"},
                         "effectiveDateTime":"{{{2015 + random.Next(10)}}}-0{{{1 + random.Next(9)}}}-1{{{random.Next(9)}}}T10:00:00Z",
                         "valueQuantity":{"value":{{{random.Next(100)}}},"unit":"kg","system":"http://unitsofmeasure.org","code":"kg"}}
                        """;
                    await unit.CreateAsync(indexer.PrepareWrite(Read(observation)));
                }
            }

            await unit.CommitAsync();
        }
    }

    private static Fhir.Model.ElementNode Read(string json) => FhirJsonReader.Parse(json).Resource ?? throw new InvalidOperationException("Bad test resource.");
}
