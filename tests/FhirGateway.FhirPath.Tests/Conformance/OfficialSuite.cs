using System.Xml.Linq;
using FhirGateway.FhirPath.Tests.TestSupport;

namespace FhirGateway.FhirPath.Tests.Conformance;

/// <summary>
/// The official FHIRPath R4 suite, tests/data/fhirpath/tests-fhir-r4.xml (FHIR/fhir-test-cases, Apache-2.0).
/// Names are unique here: a name the suite uses twice gets " (2)" on its second use.
/// </summary>
internal static class OfficialSuite
{
    private static readonly Lazy<IReadOnlyDictionary<string, SuiteCase>> LazyCases = new(Load);

    public static IReadOnlyDictionary<string, SuiteCase> Cases => LazyCases.Value;

    public static IEnumerable<object[]> Names => Cases.Keys.Select(n => new object[] { n });

    private static Dictionary<string, SuiteCase> Load()
    {
        var doc = XDocument.Load(RepoPaths.Combine("tests", "data", "fhirpath", "tests-fhir-r4.xml"));
        var result = new Dictionary<string, SuiteCase>(StringComparer.Ordinal);
        foreach (var group in doc.Root!.Elements("group"))
        {
            foreach (var test in group.Elements("test"))
            {
                var expression = test.Element("expression")!;
                var name = (string?)test.Attribute("name") ?? "unnamed";
                var unique = name;
                for (var n = 2; result.ContainsKey(unique); n++)
                {
                    unique = $"{name} ({n})";
                }

                result[unique] = new SuiteCase(
                    unique,
                    (string?)group.Attribute("name") ?? string.Empty,
                    expression.Value,
                    (string?)test.Attribute("inputfile"),
                    (string?)expression.Attribute("invalid"),
                    (string?)test.Attribute("predicate") == "true",
                    (string?)test.Attribute("mode") == "strict" || (string?)expression.Attribute("mode") == "strict",
                    (string?)test.Attribute("checkOrderedFunctions") == "true",
                    (string?)test.Attribute("ordered") != "false",
                    test.Elements("output").Select(o => new SuiteOutput((string?)o.Attribute("type"), o.Value)).ToList());
            }
        }

        return result;
    }
}
