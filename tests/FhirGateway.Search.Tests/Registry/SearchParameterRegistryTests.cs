using FhirGateway.Search.Registry;

namespace FhirGateway.Search.Tests.Registry;

public sealed class SearchParameterRegistryTests
{
    private static SearchParameterRegistry Official => SearchParameterRegistry.Official;

    [Fact]
    public void Every_official_parameter_loads_and_every_expression_compiles()
    {
        SearchParameterRegistry.Create([], out var issues);

        Assert.Empty(issues);
        Assert.Equal(1378, Official.All.Count());
        Assert.All(Official.All.Where(p => p.Expression is not null), p => Assert.NotNull(p.Compiled));
        Assert.Equal(["DomainResource-text", "Resource-content", "Resource-query"], Official.All.Where(p => p.Expression is null).Select(p => p.Url[(p.Url.LastIndexOf('/') + 1)..]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Parameters_say_whether_searches_can_use_them_and_carry_their_description()
    {
        Assert.True(Official.TryGet("Patient", "birthdate", out var birthdate));
        Assert.True(birthdate.IsSupported);
        Assert.Contains("The patient's date of birth", birthdate.Description, StringComparison.Ordinal);
        Assert.True(Official.TryGet("Patient", "_text", out var text));
        Assert.False(text.IsSupported);
        Assert.True(Official.TryGet("Location", "near", out var near));
        Assert.Equal(SearchParamType.Special, near.Type);
        Assert.False(near.IsSupported);
        Assert.All(Official.All.Where(p => p.Type != SearchParamType.Special && p.Expression is not null), p => Assert.True(p.IsSupported, p.ToString()));
    }

    [Fact]
    public void A_type_has_its_own_parameters_and_those_of_every_resource()
    {
        Assert.True(Official.TryGet("Patient", "birthdate", out var birthdate));
        Assert.Equal(SearchParamType.Date, birthdate.Type);
        Assert.Equal("Patient.birthDate | Person.birthDate | RelatedPerson.birthDate", birthdate.Expression);
        Assert.True(Official.TryGet("Patient", "_tag", out var tag));
        Assert.Equal(["Resource"], tag.Bases);
        Assert.True(Official.TryGet("Patient", "_text", out _));
        Assert.False(Official.TryGet("Bundle", "_text", out _));
        Assert.False(Official.TryGet("Patient", "code", out _));
        Assert.Contains(Official.For("Observation"), p => p.Code == "value-quantity");
        Assert.Equal(Official.For("Observation").Count, Official.For("Observation").Select(p => p.Code).Distinct().Count());
    }

    [Fact]
    public void Composites_know_their_components_and_references_their_targets()
    {
        Assert.True(Official.TryGet("Observation", "code-value-quantity", out var composite));
        Assert.True(Official.TryGet("Observation", "subject", out var subject));

        Assert.Equal(["code", "value-quantity"], composite.Components.Select(c => c.Parameter!.Code));
        Assert.Equal(["code", "value.as(Quantity)"], composite.Components.Select(c => c.Expression));
        Assert.Contains("Patient", subject.Targets);
        Assert.Contains("Group", subject.Targets);
    }

    [Fact]
    public void The_gateways_own_parameters_load_from_a_folder_and_may_replace_official_ones()
    {
        var folder = Directory.CreateTempSubdirectory("fhirgateway-sp-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "local-authority.json"), """
                {"resourceType":"SearchParameter","url":"https://fhirgateway.dev/SearchParameter/patient-local-authority","name":"LocalAuthority",
                 "status":"active","description":"x","code":"local-authority","base":["Patient"],"type":"token",
                 "expression":"Patient.address.extension('https://fhir.nhs.uk/StructureDefinition/Extension-local-authority').value"}
                """);
            Directory.CreateDirectory(Path.Combine(folder.FullName, "more"));
            File.WriteAllText(Path.Combine(folder.FullName, "more", "bundle.json"), """
                {"resourceType":"Bundle","type":"collection","entry":[
                  {"resource":{"resourceType":"SearchParameter","url":"https://fhirgateway.dev/SearchParameter/patient-birthdate","name":"B","status":"active",
                   "description":"x","code":"birthdate","base":["Patient"],"type":"date","expression":"Patient.birthDate"}},
                  {"resource":{"resourceType":"SearchParameter","url":"https://fhirgateway.dev/SearchParameter/broken","name":"X","status":"active",
                   "description":"x","code":"broken","base":["Patient"],"type":"token","expression":"Patient.name.where("}},
                  {"resource":{"resourceType":"StructureDefinition","url":"http://example.org/sd","name":"S","status":"active","kind":"resource",
                   "abstract":false,"type":"Patient"}}]}
                """);
            File.WriteAllText(Path.Combine(folder.FullName, "notes.txt"), "not FHIR");

            var issues = new List<SearchParameterIssue>();
            var sources = SearchParameterFiles.Read(folder.FullName, issues);
            var registry = SearchParameterRegistry.Create(sources, out var registryIssues);

            Assert.Empty(issues);
            Assert.Equal(3, sources.Count);
            Assert.True(registry.TryGet("Patient", "local-authority", out var local));
            Assert.Equal("local-authority.json", local.Source);
            Assert.True(registry.TryGet("Patient", "birthdate", out var birthdate));
            Assert.Equal("Patient.birthDate", birthdate.Expression);
            Assert.True(registry.TryGet("Person", "birthdate", out var person));
            Assert.Equal(SearchParameterRegistry.CoreSource, person.Source);
            Assert.False(registry.TryGet("Patient", "broken", out _));
            Assert.Contains(registryIssues, i => i.IsError && i.Message.Contains("does not compile", StringComparison.Ordinal));
            Assert.Contains(registryIssues, i => !i.IsError && i.Message.Contains("Patient.birthdate replaces", StringComparison.Ordinal));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Unreadable_files_and_missing_paths_are_reported()
    {
        var issues = new List<SearchParameterIssue>();
        var file = Path.GetTempFileName() + ".json";
        File.WriteAllText(file, """{"resourceType":"SearchParameter","code":1}""");
        try
        {
            SearchParameterFiles.Read(file, issues);
            SearchParameterFiles.Read("/nonexistent/search-parameters", issues);
        }
        finally
        {
            File.Delete(file);
        }

        Assert.Equal(2, issues.Count);
        Assert.Contains("not a valid FHIR R4 resource", issues[0].Message, StringComparison.Ordinal);
        Assert.Equal("No such file or folder.", issues[1].Message);
    }

    [Fact]
    public void The_patient_compartment_lists_the_linking_parameters()
    {
        Assert.Equal("Patient", CompartmentDefinition.Patient.Code);
        Assert.Equal(["subject", "performer"], CompartmentDefinition.Patient.ParametersFor("Observation"));
        Assert.Contains("link", CompartmentDefinition.Patient.ParametersFor("Patient"));
        Assert.Empty(CompartmentDefinition.Patient.ParametersFor("Organization"));
    }
}
