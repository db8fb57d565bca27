using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using FhirGateway.Fhir.Definitions;
using FhirGateway.Fhir.Serialization;
using FhirGateway.Fhir.Tests.TestSupport;

namespace FhirGateway.Fhir.Tests.Serialization;

/// <summary>XML written by others: the official XML of the FHIRPath suite's inputs, and real NHS STU3 messages.</summary>
public sealed partial class OfficialXmlTests
{
    public static TheoryData<string> FhirPathInputs() =>
        new(Directory.GetFiles(RepoPaths.Combine("tests", "data", "fhirpath"), "*-example*.xml")
            .Select(Path.GetFileNameWithoutExtension)
            // Its JSON copy writes valueUuid as an object, which is not FHIR JSON; the XML alone is read below.
            .Where(n => n != "parameters-example-types")
            .Order()!);

    public static TheoryData<string> NemsMessages() =>
        new(Directory.GetFiles(RepoPaths.Combine("tests", "data", "nhs", "nems-examples"), "*.xml").Select(Path.GetFileName).Order()!);

    [Theory]
    [MemberData(nameof(FhirPathInputs))]
    public void Official_XML_and_its_JSON_give_the_same_model(string name)
    {
        var folder = RepoPaths.Combine("tests", "data", "fhirpath");
        var xml = FhirXmlReader.Parse(File.ReadAllBytes(Path.Combine(folder, name + ".xml")));
        var json = FhirJsonReader.Parse(WithoutComments(File.ReadAllText(Path.Combine(folder, name + ".json"))));

        Assert.DoesNotContain(xml.Issues, i => i.IsError);
        Assert.Empty(json.Issues);
        var expected = json.Resource!;
        var actual = xml.Resource!;
        NormaliseNarrative(expected);
        NormaliseNarrative(actual);
        Assert.Null(TreeDifference.Find(expected, actual));
    }

    [Fact]
    public void The_FHIRPath_suite_parameters_example_reads_as_XML() =>
        Assert.Empty(FhirXmlReader.Parse(File.ReadAllBytes(RepoPaths.Combine("tests", "data", "fhirpath", "parameters-example-types.xml"))).Issues);

    [Theory]
    [MemberData(nameof(NemsMessages))]
    public void NEMS_STU3_messages_read_with_the_STU3_definitions_and_round_trip(string file)
    {
        var bytes = File.ReadAllBytes(RepoPaths.Combine("tests", "data", "nhs", "nems-examples", file));

        var result = FhirXmlReader.Parse(bytes, FhirModel.Stu3);

        // Some published NEMS examples put Communication.sender before sent: readable, so only a warning.
        Assert.All(result.Issues, i => Assert.Equal((IssueSeverity.Warning, ParseIssueCodes.ElementOrder), (i.Severity, i.Code)));
        Assert.Equal("Bundle", result.Resource!.Type.Name);
        var again = FhirXmlReader.Parse(FhirXmlWriter.SerializeToUtf8(result.Resource), FhirModel.Stu3);
        Assert.Empty(again.Issues);
        Assert.Null(TreeDifference.Find(result.Resource, again.Resource!));
        var viaJson = FhirJsonReader.Parse(FhirJsonWriter.SerializeToUtf8(result.Resource), FhirModel.Stu3);
        Assert.Empty(viaJson.Issues);
        Assert.Null(TreeDifference.Find(result.Resource, viaJson.Resource!));
    }

    /// <summary>The suite's JSON copies were made by a converter that kept XML comments as fhir_comments (which the reader refuses).</summary>
    private static string WithoutComments(string json)
    {
        var root = JsonNode.Parse(json)!;
        Strip(root);
        return root.ToJsonString();

        static void Strip(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject o:
                    o.Remove("fhir_comments");
                    foreach (var name in o.Select(p => p.Key).ToList())
                    {
                        Strip(o[name]);
                        var emptied = o[name] is JsonObject { Count: 0 } || (o[name] is JsonArray items && items.All(x => x is null or JsonObject { Count: 0 }));
                        if (name.StartsWith('_') && emptied)
                        {
                            o.Remove(name);
                        }
                    }

                    break;
                case JsonArray a:
                    foreach (var item in a)
                    {
                        Strip(item);
                    }

                    break;
            }
        }
    }

    /// <summary>
    /// The same converter wrote narrative in its own way (whitespace between tags dropped, entities resolved) and kept
    /// line breaks inside XML attribute values, which XML attribute normalisation turns into spaces (XML 1.0 section
    /// 3.3.3). Compare narrative as an XML infoset and other values with whitespace runs folded.
    /// </summary>
    private static void NormaliseNarrative(FhirGateway.Fhir.Model.ElementNode node)
    {
        if (node.Value is not null)
        {
            if (node.Type.IsXhtml)
            {
                var div = XElement.Parse(node.Value, LoadOptions.None);
                div.DescendantNodes().OfType<XText>().Where(t => string.IsNullOrWhiteSpace(t.Value)).ToList().ForEach(t => t.Remove());
                node.Value = div.ToString(SaveOptions.DisableFormatting);
            }
            else
            {
                node.Value = Whitespace().Replace(node.Value, " ");
            }
        }

        foreach (var child in node.Children)
        {
            NormaliseNarrative(child);
        }
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
