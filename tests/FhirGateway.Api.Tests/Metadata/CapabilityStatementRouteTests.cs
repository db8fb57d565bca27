using FhirGateway.Api.Interactions;
using FhirGateway.Api.Tests.TestSupport;
using FhirGateway.Fhir.Definitions;
using FhirGateway.Fhir.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace FhirGateway.Api.Tests.Metadata;

/// <summary>
/// The CapabilityStatement against the real routes (conformance/README.md): every interaction it declares is served
/// and answers, and every FHIR route the host maps is declared.
/// </summary>
public sealed class CapabilityStatementRouteTests(SqliteGateway gateway) : IClassFixture<SqliteGateway>
{
    [Fact]
    public async Task Declared_interactions_and_mapped_routes_are_the_same()
    {
        using var client = gateway.CreateClient();
        var declared = Declared(await StatementAsync(client));

        var routes = gateway.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/fhir", StringComparison.Ordinal))
            .ToList();
        var served = new HashSet<string>();
        foreach (var endpoint in routes.Where(e => e.RoutePattern.RawText != "/fhir/metadata"))
        {
            var interactions = endpoint.Metadata.GetOrderedMetadata<FhirInteraction>();
            Assert.True(interactions.Count > 0, $"{endpoint.RoutePattern.RawText} has no FhirInteraction metadata");
            foreach (var interaction in interactions)
            {
                served.Add(interaction.Level switch
                {
                    InteractionLevel.System => interaction.Code,
                    InteractionLevel.Compartment => $"compartment {CompartmentOf(endpoint)}",
                    _ => $"{TypeOf(endpoint)} {interaction.Code}",
                });
            }
        }

        Assert.Equal(declared.Order(StringComparer.Ordinal), served.Order(StringComparer.Ordinal));
        Assert.Single(routes, e => e.RoutePattern.RawText == "/fhir/metadata");
    }

    [Fact]
    public async Task Every_declared_interaction_of_every_type_answers()
    {
        using var client = gateway.CreateClient();
        var statement = await StatementAsync(client);
        var failures = new List<string>();
        foreach (var resource in statement.Child("rest")!.ChildrenNamed("resource"))
        {
            var type = resource.Value("type")!;
            var body = $$"""{"resourceType":"{{type}}","id":"cap-probe"}""";
            foreach (var code in resource.ChildrenNamed("interaction").Select(i => i.Value("code")!).Append("$validate"))
            {
                using var request = code switch
                {
                    "read" => TestFhir.Request(HttpMethod.Get, $"/fhir/{type}/cap-probe"),
                    "vread" => TestFhir.Request(HttpMethod.Get, $"/fhir/{type}/cap-probe/_history/1"),
                    "update" => TestFhir.Request(HttpMethod.Put, $"/fhir/{type}/cap-probe", TestFhir.Json(body)),
                    "patch" => TestFhir.Request(HttpMethod.Patch, $"/fhir/{type}/cap-probe", TestFhir.JsonPatch("[]")),
                    "delete" => TestFhir.Request(HttpMethod.Delete, $"/fhir/{type}/cap-probe"),
                    "history-instance" => TestFhir.Request(HttpMethod.Get, $"/fhir/{type}/cap-probe/_history"),
                    "history-type" => TestFhir.Request(HttpMethod.Get, $"/fhir/{type}/_history"),
                    "create" => TestFhir.Request(HttpMethod.Post, $"/fhir/{type}", TestFhir.Json(body)),
                    "search-type" => TestFhir.Request(HttpMethod.Get, $"/fhir/{type}?_id=cap-probe"),
                    "$validate" => TestFhir.Request(HttpMethod.Post, $"/fhir/{type}/$validate", TestFhir.Json(body)),
                    _ => throw new InvalidOperationException($"no probe for {code}"),
                };
                using var response = await client.SendAsync(request);
                if (await NotServedAsync(response) is { } why)
                {
                    failures.Add($"{code} {type}: {why}");
                }
            }
        }

        foreach (var (method, url, content) in new (HttpMethod, string, HttpContent?)[]
        {
            (HttpMethod.Get, "/fhir/_history", null),
            (HttpMethod.Get, "/fhir?_type=Patient", null),
            (HttpMethod.Post, "/fhir/_search", new FormUrlEncodedContent([new("_type", "Patient")])),
            (HttpMethod.Get, "/fhir/Patient/cap-probe/Observation", null),
            (HttpMethod.Get, "/fhir/Patient/cap-probe/*", null),
            (HttpMethod.Post, "/fhir", TestFhir.Json("""{"resourceType":"Bundle","type":"batch"}""")),
            (HttpMethod.Post, "/fhir", TestFhir.Json("""{"resourceType":"Bundle","type":"transaction"}""")),
        })
        {
            using var response = await client.SendAsync(method, url, content);
            if (await NotServedAsync(response) is { } why)
            {
                failures.Add($"{method} {url}: {why}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(30)));
    }

    [Fact]
    public async Task Listed_search_parameters_are_exactly_those_the_registry_serves()
    {
        using var client = gateway.CreateClient();
        var statement = await StatementAsync(client);
        var registry = gateway.Services.GetRequiredService<FhirGateway.Search.Registry.SearchParameterRegistry>();
        var rest = statement.Child("rest")!;
        foreach (var resource in rest.ChildrenNamed("resource"))
        {
            var type = resource.Value("type")!;
            var listed = resource.ChildrenNamed("searchParam").Select(p => $"{p.Value("name")} {p.Value("type")} {p.Value("definition")}").ToList();
            var served = registry.For(type)
                .Where(p => p.IsSupported)
                .Select(p => $"{p.Code} {p.Type.ToString().ToLowerInvariant()} {p.Url}")
                .ToList();
            Assert.Equal(served.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
            Assert.Equal(listed.Count, listed.Distinct().Count());

            // Every listed parameter is one a strict search accepts.
            var search = gateway.Services.GetRequiredService<FhirGateway.Search.SearchService>();
            foreach (var parameter in resource.ChildrenNamed("searchParam").Select(p => p.Value("name")!))
            {
                var query = search.Parse(type, [new(parameter + ":missing", "true")], new FhirGateway.Search.SearchOptions { Strict = true });
                Assert.False(query.HasErrors && parameter is not ("_id" or "_lastUpdated"), $"{type}?{parameter}: {string.Join("; ", query.Issues.Select(i => i.Message))}");
            }

            Assert.Contains(resource.ChildrenNamed("interaction"), i => i.Value("code") == "search-type");
        }

        Assert.Contains(rest.ChildrenNamed("searchParam"), p => p.Value("name") == "_lastUpdated");
        var patient = rest.ChildrenNamed("resource").Single(r => r.Value("type") == "Patient");
        Assert.Contains(patient.ChildrenNamed("searchRevInclude"), r => r.Value == "Observation:subject");
        Assert.Contains(patient.ChildrenNamed("searchInclude"), r => r.Value == "Patient:general-practitioner");
    }

    private static async Task<ElementNode> StatementAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/fhir/metadata");
        return await FhirResponse.ReadAsync(response, "CapabilityStatement");
    }

    /// <summary>"Patient read", "Patient $validate", "transaction", ... as declared.</summary>
    private static HashSet<string> Declared(ElementNode statement)
    {
        var rest = statement.Child("rest")!;
        var declared = rest.ChildrenNamed("interaction").Select(i => i.Value("code")!).ToHashSet();
        declared.UnionWith(rest.ChildrenNamed("operation").Select(o => $"${o.Value("name")}"));
        foreach (var compartment in rest.ChildrenNamed("compartment"))
        {
            Assert.Equal("http://hl7.org/fhir/CompartmentDefinition/patient", compartment.Value);
            declared.Add("compartment Patient");
        }

        foreach (var resource in rest.ChildrenNamed("resource"))
        {
            var type = resource.Value("type")!;
            declared.UnionWith(resource.ChildrenNamed("interaction").Select(i => $"{type} {i.Value("code")}"));
            declared.UnionWith(resource.ChildrenNamed("operation").Select(o => $"{type} ${o.Value("name")}"));
        }

        Assert.Equal(FhirModel.R4.ResourceTypes.Select(t => t.Name).Order(), rest.ChildrenNamed("resource").Select(r => r.Value("type")).Order());
        return declared;
    }

    /// <summary>The compartment of <c>/fhir/Patient/{id}/[type]</c>, whose last segment must name a type in that compartment.</summary>
    private static string CompartmentOf(RouteEndpoint endpoint)
    {
        var segments = endpoint.RoutePattern.PathSegments;
        Assert.Equal(4, segments.Count);
        var compartment = segments[1].Parts.OfType<Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart>().Single().Content;
        var type = segments[3].Parts.OfType<Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart>().Single().Content;
        Assert.True(
            type == "*" || FhirGateway.Search.Registry.CompartmentDefinition.Patient.ParametersFor(type).Count > 0 || type == compartment,
            $"{endpoint.RoutePattern.RawText}: {type} is not in the {compartment} compartment");
        return compartment;
    }

    private static string TypeOf(RouteEndpoint endpoint)
    {
        var type = endpoint.RoutePattern.PathSegments[1].Parts.OfType<Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart>().Single().Content;
        Assert.True(FhirModel.R4.TryGetResourceType(type, out _), $"{endpoint.RoutePattern.RawText} names no resource type");
        return type;
    }

    /// <summary>Why a response shows the interaction is not served (no route, method refused, server error), or null.</summary>
    private static async Task<string?> NotServedAsync(HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        if (status is StatusCodes.Status405MethodNotAllowed or StatusCodes.Status501NotImplemented or >= 500)
        {
            return status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (status == StatusCodes.Status404NotFound)
        {
            var text = await response.Content.ReadAsStringAsync();
            if (text.Contains("No FHIR interaction matches", StringComparison.Ordinal) || text.Contains("is not a FHIR R4 resource type", StringComparison.Ordinal))
            {
                return "404 without a route";
            }
        }

        return null;
    }
}
