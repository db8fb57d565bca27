using FhirGateway.Validation.Tests.TestSupport;

namespace FhirGateway.Validation.Tests.Profiles;

/// <summary>
/// The gateway's profiles (profiles/fhirgateway/): each generates a snapshot, is valid FHIR itself, and has a valid and
/// an invalid example (tests/data/profiles/) that validation tells apart, for the reasons the example was made for.
/// </summary>
public sealed class GatewayProfileTests
{
    private const string Base = "https://fhirgateway.dev/StructureDefinition/";

    public static TheoryData<string> ProfileUrls => [.. ConformanceResources.R4.GatewayProfileUrls];

    public static TheoryData<string> DefinitionFiles =>
        [.. Directory.GetFiles(RepoPaths.Combine("profiles", "fhirgateway"), "*.json").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    /// <summary>The valid examples and the profile each meets.</summary>
    public static TheoryData<string, string> ValidExamples => new()
    {
        { "BabyPatient-valid.json", "BabyPatient" },
        { "MotherPatient-valid.json", "MotherPatient" },
        { "MotherPatient-valid-without-nhs-number.json", "MotherPatient" },
        { "MotherRelatedPerson-valid.json", "MotherRelatedPerson" },
        { "BirthEncounter-valid.json", "BirthEncounter" },
        { "BirthWeight-valid.json", "BirthWeight" },
        { "GestationalAge-valid.json", "GestationalAge" },
        { "BirthOrder-valid.json", "BirthOrder" },
        { "LiveOrStillBirth-valid.json", "LiveOrStillBirth" },
        { "HealthVisitorContact-valid.json", "HealthVisitorContact" },
        { "Asq3DomainScore-valid.json", "Asq3DomainScore" },
        { "Asq3Panel-valid.json", "Asq3Panel" },
        { "EyfsProgressCheck-valid.json", "EyfsProgressCheck" },
        { "BirthNotificationMessageHeader-valid.json", "BirthNotificationMessageHeader" },
        { "BirthNotificationBundle-valid.json", "BirthNotificationBundle" },
    };

    /// <summary>The invalid examples, the profile each breaks, and how: issue codes with the invariant key or slice named, where it matters.</summary>
    public static TheoryData<string, string, string[]> InvalidExamples => new()
    {
        { "BabyPatient-invalid.json", "BabyPatient", ["invariant fgw-pat-1", "slice-cardinality birthTime", "invariant fgw-pat-3", "invariant fgw-pat-4"] },
        { "MotherPatient-invalid.json", "MotherPatient", ["invariant fgw-pat-1", "binding-required nhs-number-verification-status"] },
        { "MotherRelatedPerson-invalid.json", "MotherRelatedPerson", ["invariant fgw-rel-1", "reference-target Organization"] },
        { "BirthEncounter-invalid.json", "BirthEncounter", ["fixed-value finished", "pattern-value 003", "cardinality-min Encounter.period"] },
        { "BirthWeight-invalid.json", "BirthWeight", ["invariant fgw-obs-1", "fixed-value 'g'"] },
        { "GestationalAge-invalid.json", "GestationalAge", ["slice-cardinality snomed", "invariant fgw-obs-2"] },
        { "BirthOrder-invalid.json", "BirthOrder", ["type-not-allowed string"] },
        { "LiveOrStillBirth-invalid.json", "LiveOrStillBirth", ["binding-required live-or-still-birth"] },
        { "HealthVisitorContact-invalid.json", "HealthVisitorContact", ["binding-required health-visitor-contact-type", "reference-target Group"] },
        { "Asq3DomainScore-invalid.json", "Asq3DomainScore", ["binding-required asq3-2-year-review-scores", "invariant fgw-asq-1"] },
        { "Asq3Panel-invalid.json", "Asq3Panel", ["invariant fgw-asq-2", "cardinality-max Observation.value[x]", "cardinality-min Observation.hasMember"] },
        { "EyfsProgressCheck-invalid.json", "EyfsProgressCheck", ["cardinality-min Observation.component", "slice-cardinality physicalDevelopment", "binding-required eyfs-progress-outcome", "unknown-code excellent"] },
        { "BirthNotificationMessageHeader-invalid.json", "BirthNotificationMessageHeader", ["pattern-value birth-notification", "unknown-code birth-registration", "cardinality-min MessageHeader.focus"] },
        { "BirthNotificationBundle-invalid.json", "BirthNotificationBundle", ["reference-unresolved urn:uuid:00000000-0000-4000-8000-000000000000", "slice-unmatched Bundle.entry", "cardinality-min Bundle.timestamp"] },
        { "SubscriptionTopic-invalid.json", "SubscriptionTopic", ["slice-cardinality 'url'", "binding-required publication-status", "slice-cardinality 'resource'"] },
    };

    [Theory]
    [MemberData(nameof(ProfileUrls))]
    public void Each_profile_gets_a_snapshot_and_compiles(string url)
    {
        var snapshot = ConformanceResources.R4.GetSnapshot(url);

        Assert.NotNull(snapshot);
        Assert.True(snapshot.Count > 1);
        Assert.NotNull(ConformanceResources.R4.GetStructure(url));
    }

    [Theory]
    [MemberData(nameof(DefinitionFiles))]
    public void Each_definition_file_is_valid_r4(string file)
    {
        var result = FhirValidator.Default.Validate(Resources.File("profiles", "fhirgateway", file));

        Assert.True(result.IsValid, Resources.Describe(result));
        Assert.DoesNotContain(result.Issues, i => i.Severity == Fhir.Serialization.IssueSeverity.Warning && !i.Message.Contains("dom-6", StringComparison.Ordinal));
    }

    [Fact]
    public void Each_profile_has_a_valid_and_an_invalid_example()
    {
        var valid = ValidExamples.Select(row => (string)row[1]).Append("SubscriptionTopic").ToHashSet();
        var invalid = InvalidExamples.Select(row => (string)row[1]).ToHashSet();
        var profiles = ConformanceResources.R4.GatewayProfileUrls.Select(u => u[Base.Length..]).ToList();

        Assert.All(profiles, p => Assert.Contains(p, valid));
        Assert.All(profiles, p => Assert.Contains(p, invalid));
        Assert.All(Directory.GetFiles(RepoPaths.Combine("tests", "data", "profiles")), f =>
            Assert.True(ValidExamples.Any(r => (string)r[0] == Path.GetFileName(f)) || InvalidExamples.Any(r => (string)r[0] == Path.GetFileName(f)) ||
                        Path.GetFileName(f).StartsWith("Asq3Review", StringComparison.Ordinal), $"{f} is in no test"));
    }

    [Theory]
    [MemberData(nameof(ValidExamples))]
    public void Valid_examples_meet_their_profile(string file, string profile)
    {
        var resource = Resources.File("tests", "data", "profiles", file);

        var asked = FhirValidator.Default.Validate(resource, Base + profile);
        var claimed = FhirValidator.Default.Validate(resource);

        Assert.True(asked.IsValid, Resources.Describe(asked));
        Assert.True(claimed.IsValid, Resources.Describe(claimed));
    }

    [Theory]
    [MemberData(nameof(InvalidExamples))]
    public void Invalid_examples_break_their_profile_for_the_intended_reasons(string file, string profile, string[] expected)
    {
        var resource = Resources.File("tests", "data", "profiles", file);

        var result = FhirValidator.Default.Validate(resource, Base + profile);

        Assert.False(result.IsValid);
        foreach (var e in expected)
        {
            var space = e.IndexOf(' ', StringComparison.Ordinal);
            var code = e[..space];
            var detail = e[(space + 1)..];
            Assert.True(result.Issues.Any(i => i.IsError && i.Code == code && (i.Message.Contains(detail, StringComparison.Ordinal) || i.Location.Contains(detail, StringComparison.Ordinal))),
                $"no {code} error mentioning {detail}:{Environment.NewLine}{Resources.Describe(result)}");
        }

        Assert.Equal(expected.Length, result.ErrorCount);
    }

    [Fact]
    public void The_new_birth_topic_meets_the_subscription_topic_profile()
    {
        var topic = Resources.File("profiles", "fhirgateway", "Basic-new-birth.json");

        var result = FhirValidator.Default.Validate(topic, Base + "SubscriptionTopic");

        Assert.True(result.IsValid, Resources.Describe(result));
        Assert.DoesNotContain(result.Issues, i => i.Code == ValidationIssueCodes.ExtensionUnknown);
    }

    [Fact]
    public void The_review_members_must_be_the_five_domains_of_one_interval()
    {
        var valid = FhirValidator.Default.Validate(Resources.File("tests", "data", "profiles", "Asq3Review-valid.json"));
        var invalid = FhirValidator.Default.Validate(Resources.File("tests", "data", "profiles", "Asq3Review-invalid.json"));

        Assert.True(valid.IsValid, Resources.Describe(valid));
        var issue = Assert.Single(invalid.Issues, i => i.IsError);
        Assert.Contains("fgw-asq-3", issue.Message, StringComparison.Ordinal);
        Assert.Equal("Bundle.entry[0].resource", issue.Location);
    }

    [Fact]
    public void A_birth_time_on_another_day_than_the_birth_date_is_an_error()
    {
        var json = File.ReadAllText(RepoPaths.Combine("tests", "data", "profiles", "BabyPatient-valid.json"))
            .Replace("2025-03-03T08:42:00+00:00", "2025-03-04T00:10:00+00:00", StringComparison.Ordinal);

        var result = FhirValidator.Default.Validate(Resources.Json(json), Base + "BabyPatient");

        var issue = Assert.Single(result.Issues, i => i.IsError);
        Assert.Contains("fgw-pat-2", issue.Message, StringComparison.Ordinal);
    }
}
