using FhirGateway.Search.Query;
using FhirGateway.Search.Registry;
using FhirGateway.Storage.Indexing;
using FhirGateway.Storage.Search;

namespace FhirGateway.Search.Tests.Query;

public sealed class SearchQueryParserTests
{
    private static readonly SearchQueryParser Parser = new(SearchParameterRegistry.Official);

    private static readonly DateTimeOffset Now = new(2024, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static SearchQuery Parse(string? type, string query, bool strict = false) =>
        Parser.Parse(type, QueryStrings.Parse(query), new SearchParseOptions
        {
            Strict = strict,
            LocalBaseUrls = ["https://gateway.example.org/fhir"],
            MaxCount = 100,
            Clock = new FixedClock(Now),
        });

    private static T Single<T>(SearchQuery query)
        where T : SearchCriterion
    {
        Assert.Empty(query.Issues);
        return Assert.IsType<T>(Assert.Single(query.Criteria));
    }

    private static DateTimeOffset Utc(string text) => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Token_forms()
    {
        var criterion = Single<IndexCriterion>(Parse("Patient", "identifier=urn:a|1,|2,3,urn:b|,urn\\|x|4\\,5"));

        Assert.Equal(("identifier", IndexKind.Token), (criterion.Parameter, criterion.Kind));
        Assert.Equal(
            [
                new TokenPredicate(TokenSystemMatch.Equals, "urn:a", "1"),
                new TokenPredicate(TokenSystemMatch.None, null, "2"),
                new TokenPredicate(TokenSystemMatch.Any, null, "3"),
                new TokenPredicate(TokenSystemMatch.Equals, "urn:b", null),
                new TokenPredicate(TokenSystemMatch.Equals, "urn|x", "4,5"),
            ],
            criterion.AnyOf);
    }

    [Fact]
    public void Token_modifiers()
    {
        var not = Single<NotCriterion>(Parse("Patient", "gender:not=male"));
        var text = Single<IndexCriterion>(Parse("Observation", "code:text=Bödy Weight"));
        var ofType = Single<IndexCriterion>(Parse("Patient", "identifier:of-type=http://terminology.hl7.org/CodeSystem/v2-0203|MR|123"));

        Assert.Equal("gender", Assert.IsType<IndexCriterion>(not.Criterion).Parameter);
        Assert.Equal(new StringPredicate(StringMatch.StartsWith, "body weight"), Assert.Single(text.AnyOf));
        Assert.Equal("identifier:of-type", ofType.Parameter);
        Assert.Equal(new TokenPredicate(TokenSystemMatch.Equals, "http://terminology.hl7.org/CodeSystem/v2-0203", "MR|123"), Assert.Single(ofType.AnyOf));
    }

    [Fact]
    public void Dates_become_ranges_at_their_precision_with_prefixes()
    {
        var criterion = Single<IndexCriterion>(Parse("Patient", "birthdate=ge1974,1974-12-25T10:00:00%2B01:00,eb2020-02"));

        Assert.Equal(
            [
                new DatePredicate(Comparator.Ge, Utc("1974-01-01T00:00:00Z"), Utc("1974-12-31T23:59:59.999999Z")),
                new DatePredicate(Comparator.Eq, Utc("1974-12-25T09:00:00Z"), Utc("1974-12-25T09:00:00.999999Z")),
                new DatePredicate(Comparator.Eb, Utc("2020-02-01T00:00:00Z"), Utc("2020-02-29T23:59:59.999999Z")),
            ],
            criterion.AnyOf);
    }

    [Fact]
    public void Approximate_dates_widen_by_a_tenth_of_their_distance_from_now()
    {
        var predicate = Assert.IsType<DatePredicate>(Assert.Single(Single<IndexCriterion>(Parse("Patient", "birthdate=ap2014-06-01")).AnyOf));

        // Ten years before "now": widened by one year either side (within the leap days).
        Assert.InRange(predicate.Low, Utc("2013-05-31T00:00:00Z"), Utc("2013-06-02T00:00:00Z"));
        Assert.InRange(predicate.High, Utc("2015-05-31T00:00:00Z"), Utc("2015-06-03T00:00:00Z"));
    }

    [Fact]
    public void Numbers_carry_the_range_of_their_precision()
    {
        var criterion = Single<IndexCriterion>(Parse("RiskAssessment", "probability=100,0.50,1e2,gt0.3,ap10"));

        Assert.Equal(
            [
                new NumberPredicate(Comparator.Eq, 100m, 99.5m, 100.5m),
                new NumberPredicate(Comparator.Eq, 0.50m, 0.495m, 0.505m),
                new NumberPredicate(Comparator.Eq, 100m, 50m, 150m),
                new NumberPredicate(Comparator.Gt, 0.3m, 0.25m, 0.35m),
                new NumberPredicate(Comparator.Ap, 10m, 9m, 11m),
            ],
            criterion.AnyOf);
    }

    [Fact]
    public void Quantities_in_ucum_units_are_searched_in_canonical_units_and_others_as_recorded()
    {
        var both = Single<AnyOfCriterion>(Parse("Observation", "value-quantity=5.4|http://unitsofmeasure.org|mg,lt3||mmol/L,7,8|http://unitsofmeasure.org|"));
        var canonical = Single<IndexCriterion>(Parse("Observation", "value-quantity=5.4|http://unitsofmeasure.org|mg"));
        var recorded = Single<IndexCriterion>(Parse("Observation", "value-quantity=7,5|http://unitsofmeasure.org|[foo]"));

        var asRecorded = Assert.IsType<IndexCriterion>(both.AnyOf[0]);
        var inCanonical = Assert.IsType<IndexCriterion>(both.AnyOf[1]);
        Assert.Equal(("value-quantity", IndexKind.Quantity), (asRecorded.Parameter, asRecorded.Kind));
        Assert.Equal(
            [
                new NumberPredicate(Comparator.Lt, 3m, 2.5m, 3.5m) { Code = "mmol/L" },
                new NumberPredicate(Comparator.Eq, 7m, 6.5m, 7.5m),
                new NumberPredicate(Comparator.Eq, 8m, 7.5m, 8.5m) { System = "http://unitsofmeasure.org" },
            ],
            asRecorded.AnyOf);
        Assert.Equal(("value-quantity:canonical", IndexKind.Quantity), (inCanonical.Parameter, inCanonical.Kind));
        var mg = Assert.IsType<NumberPredicate>(Assert.Single(inCanonical.AnyOf));
        Assert.Equal((0.0054m, 0.00535m, 0.00545m, "http://unitsofmeasure.org", "g"), (mg.Value, mg.Low, mg.High, mg.System, mg.Code));
        Assert.Equal(inCanonical.Parameter, canonical.Parameter);
        Assert.Equal(inCanonical.AnyOf, canonical.AnyOf);

        // A unit the engine does not convert is compared as written.
        Assert.Equal("value-quantity", recorded.Parameter);
        Assert.Equal("[foo]", Assert.IsType<NumberPredicate>(recorded.AnyOf[1]).Code);

        // Unions and composites read their parts' and components' rows the same way.
        var union = Single<AnyOfCriterion>(Parse("Observation", "combo-value-quantity=5.4|http://unitsofmeasure.org|mg"));
        Assert.Equal(["component-value-quantity:canonical", "value-quantity:canonical"], union.AnyOf.Select(c => Assert.IsType<IndexCriterion>(c).Parameter));
        var rooted = Single<CompositeCriterion>(Parse("Observation", "code-value-quantity=8480-6$gt100|http://unitsofmeasure.org|mm[Hg],8480-6$gt100"));
        Assert.Equal(["code", "value-quantity:canonical"], rooted.AnyOf[0].Select(c => c.Parameter));
        Assert.Equal(["code", "value-quantity"], rooted.AnyOf[1].Select(c => c.Parameter));
    }

    [Fact]
    public void Reference_forms()
    {
        var criterion = Single<IndexCriterion>(Parse("Observation",
            "subject=Patient/1,2,https://gateway.example.org/fhir/Patient/3,http://other.org/fhir/Patient/4,Patient/5/_history/2"));
        var typed = Single<IndexCriterion>(Parse("Observation", "subject:Group=9"));
        var single = Single<IndexCriterion>(Parse("Observation", "patient=9"));
        var identifier = Single<IndexCriterion>(Parse("Observation", "subject:identifier=urn:x|1"));

        Assert.Equal(
            [
                new ReferencePredicate("Patient", "1", null), new ReferencePredicate(null, "2", null), new ReferencePredicate("Patient", "3", null),
                new ReferencePredicate(null, null, "http://other.org/fhir/Patient/4"), new ReferencePredicate("Patient", "5", null),
            ],
            criterion.AnyOf);
        Assert.Equal(new ReferencePredicate("Group", "9", null), Assert.Single(typed.AnyOf));
        Assert.Equal(new ReferencePredicate("Patient", "9", null), Assert.Single(single.AnyOf));
        Assert.Equal(("subject:identifier", IndexKind.Token), (identifier.Parameter, identifier.Kind));
    }

    [Fact]
    public void Strings_are_normalized_except_for_exact()
    {
        var plain = Single<IndexCriterion>(Parse("Patient", "family=  MÜLLER  "));
        var exact = Single<IndexCriterion>(Parse("Patient", "family:exact=Müller"));
        var contains = Single<IndexCriterion>(Parse("Patient", "family:contains=Ül"));

        Assert.Equal(new StringPredicate(StringMatch.StartsWith, "muller"), Assert.Single(plain.AnyOf));
        Assert.Equal(new StringPredicate(StringMatch.Exact, "Müller", "muller"), Assert.Single(exact.AnyOf));
        Assert.Equal(new StringPredicate(StringMatch.Contains, "ul"), Assert.Single(contains.AnyOf));
    }

    [Fact]
    public void Uri_above_lists_the_parents()
    {
        var criterion = Single<IndexCriterion>(Parse("ValueSet", "url:above=http://example.org/fhir/ValueSet/a"));

        Assert.Equal(
            ["http://example.org/fhir/ValueSet/a", "http://example.org/fhir/ValueSet", "http://example.org/fhir"],
            criterion.AnyOf.Cast<UriPredicate>().Select(u => u.Value));
    }

    [Fact]
    public void Chains_and_reverse_chains()
    {
        var chain = Single<ChainCriterion>(Parse("Observation", "subject:Patient.organization.name=acme"));
        var untyped = Single<ChainCriterion>(Parse("Observation", "subject.birthdate=1970"));
        var has = Single<ReverseChainCriterion>(Parse("Patient", "_has:Observation:patient:_has:AuditEvent:entity:agent=Practitioner/1"));

        Assert.Equal("subject", chain.Parameter);
        Assert.Equal(["Patient"], chain.TargetTypes);
        var inner = Assert.IsType<ChainCriterion>(Assert.Single(chain.TargetCriteria));
        Assert.Equal(("organization", "Organization"), (inner.Parameter, Assert.Single(inner.TargetTypes)));
        // Organization's name covers phonetic (Organization.name), so it reads those rows too.
        var name = Assert.IsType<AnyOfCriterion>(Assert.Single(inner.TargetCriteria));
        Assert.Equal(["name", "phonetic"], name.AnyOf.Select(c => Assert.IsType<IndexCriterion>(c).Parameter));
        Assert.Equal(["Patient"], untyped.TargetTypes);
        Assert.Equal(("Observation", "patient"), (has.SourceType, has.Parameter));
        var nested = Assert.IsType<ReverseChainCriterion>(Assert.Single(has.SourceCriteria));
        Assert.Equal(("AuditEvent", "entity"), (nested.SourceType, nested.Parameter));
    }

    [Fact]
    public void Reverse_chains_take_id_and_last_updated_as_columns_of_the_referring_resource()
    {
        var byId = Single<ReverseChainCriterion>(Parse("Patient", "_has:Observation:patient:_id=a,b"));
        var notId = Single<ReverseChainCriterion>(Parse("Patient", "_has:Observation:patient:_id:not=a"));
        var updated = Single<ReverseChainCriterion>(Parse("Patient", "_has:Observation:subject:_lastUpdated=gt2000"));
        var nested = Single<ReverseChainCriterion>(Parse("Organization", "_has:Patient:organization:_has:Observation:patient:_id=a"));
        var invalid = Parse("Patient", "_has:Observation:patient:_lastUpdated=soon");

        Assert.Equal(["a", "b"], Assert.IsType<IdCriterion>(Assert.Single(byId.SourceCriteria)).Ids);
        Assert.Equal(["a"], Assert.IsType<IdCriterion>(Assert.IsType<NotCriterion>(Assert.Single(notId.SourceCriteria)).Criterion).Ids);
        var date = Assert.Single(Assert.IsType<LastUpdatedCriterion>(Assert.Single(updated.SourceCriteria)).AnyOf);
        Assert.Equal((Comparator.Gt, Utc("2000-12-31T23:59:59.999999Z")), (date.Comparator, date.High));
        var inner = Assert.IsType<ReverseChainCriterion>(Assert.Single(nested.SourceCriteria));
        Assert.Equal(["a"], Assert.IsType<IdCriterion>(Assert.Single(inner.SourceCriteria)).Ids);
        var issue = Assert.Single(invalid.Issues);
        Assert.Equal((SearchIssueCodes.InvalidValue, "_has:Observation:patient:_lastUpdated=soon"), (issue.Code, issue.Parameter));
    }

    [Fact]
    public void A_chain_over_target_types_reading_different_rows_ors_one_chain_per_set_of_types()
    {
        // Provenance.target refers to any type: Patient's name reads name, family and given; Location's name alone.
        var chains = Assert.IsType<AnyOfCriterion>(Assert.Single(Parse("Provenance", "target.name=zed").Criteria));
        var patients = chains.AnyOf.Cast<ChainCriterion>().Single(c => c.TargetTypes.Contains("Patient"));
        var locations = chains.AnyOf.Cast<ChainCriterion>().Single(c => c.TargetTypes.Contains("Location"));
        Assert.Equal(["name", "family", "given"], Assert.IsType<AnyOfCriterion>(Assert.Single(patients.TargetCriteria)).AnyOf.Select(c => ((IndexCriterion)c).Parameter));
        Assert.Equal("name", Assert.IsType<IndexCriterion>(Assert.Single(locations.TargetCriteria)).Parameter);
    }

    [Fact]
    public void Composites_and_missing()
    {
        var composite = Single<CompositeCriterion>(Parse("Observation", "component-code-value-quantity=http://loinc.org|8480-6$gt100|http://unitsofmeasure.org|mm[Hg]"));
        var missing = Single<MissingCriterion>(Parse("Patient", "birthdate:missing=true"));
        var compositeMissing = Single<MissingCriterion>(Parse("Observation", "component-code-value-quantity:missing=false"));

        var components = Assert.Single(composite.AnyOf);
        Assert.True(composite.SameOccurrence);
        Assert.Equal(["component-code-value-quantity$0", "component-code-value-quantity$1:canonical"], components.Select(c => c.Parameter));
        Assert.Equal(new TokenPredicate(TokenSystemMatch.Equals, "http://loinc.org", "8480-6"), components[0].Predicate);
        Assert.Equal(Comparator.Gt, Assert.IsType<NumberPredicate>(components[1].Predicate).Comparator);
        Assert.Equal(new MissingCriterion("birthdate", IndexKind.Date, true), missing);
        Assert.Equal(new MissingCriterion("component-code-value-quantity$0", IndexKind.Token, false), compositeMissing);
    }

    [Fact]
    public void Composites_rooted_at_the_resource_read_their_components_parameters_and_unions_read_their_composites()
    {
        var rooted = Single<CompositeCriterion>(Parse("Observation", "code-value-quantity=8480-6$gt100,8462-4$lt90"));
        var combo = Single<AnyOfCriterion>(Parse("Observation", "combo-code-value-quantity=8480-6$gt100"));
        var present = Single<NotCriterion>(Parse("Observation", "code-value-quantity:missing=false"));
        var absent = Single<AnyOfCriterion>(Parse("Observation", "code-value-quantity:missing=true"));

        Assert.False(rooted.SameOccurrence);
        Assert.Equal(2, rooted.AnyOf.Count);
        Assert.All(rooted.AnyOf, a => Assert.Equal(["code", "value-quantity"], a.Select(c => c.Parameter)));
        Assert.Equal([IndexKind.Token, IndexKind.Quantity], rooted.AnyOf[0].Select(c => c.Kind));
        Assert.Collection(
            combo.AnyOf.Cast<CompositeCriterion>(),
            c => Assert.Equal((false, "code"), (c.SameOccurrence, c.AnyOf[0][0].Parameter)),
            c => Assert.Equal((true, "component-code-value-quantity$0"), (c.SameOccurrence, c.AnyOf[0][0].Parameter)));
        SearchCriterion[] eitherMissing = [new MissingCriterion("code", IndexKind.Token, true), new MissingCriterion("value-quantity", IndexKind.Quantity, true)];
        Assert.Equal(eitherMissing, Assert.IsType<AnyOfCriterion>(present.Criterion).AnyOf);
        Assert.Equal(eitherMissing, absent.AnyOf);

        // Missing from the union: from the resource's own code and value, and from every component.
        var comboAbsent = Assert.IsType<AnyOfCriterion>(Single<NotCriterion>(Parse("Observation", "combo-code-value-quantity:missing=true")).Criterion);
        Assert.Equal(2, comboAbsent.AnyOf.Count);
        Assert.Equal(eitherMissing, Assert.IsType<AnyOfCriterion>(Assert.IsType<NotCriterion>(comboAbsent.AnyOf[0]).Criterion).AnyOf);
        Assert.Equal(new MissingCriterion("component-code-value-quantity$0", IndexKind.Token, false), comboAbsent.AnyOf[1]);
    }

    [Fact]
    public void Result_parameters()
    {
        var query = Parse("Patient", "_count=500&_sort=family,-birthdate,_lastUpdated&_summary=data&_elements=name,birthDate&_total=accurate" +
            "&_include=Patient:organization&_include:iterate=Organization:partof:Organization&_revinclude=Observation:subject&_include=*");

        Assert.Equal([SearchIssueCodes.CountCapped], query.Issues.Select(i => i.Code));
        Assert.Equal(SearchIssueSeverity.Information, query.Issues[0].Severity);
        Assert.Equal(100, query.Count);
        Assert.Equal(
            [SearchSortKey.ByParameter("family", IndexKind.String), SearchSortKey.ByParameter("birthdate", IndexKind.Date, true), SearchSortKey.ByLastUpdated()],
            query.Sort);
        Assert.Equal((SummaryMode.Data, TotalMode.Accurate), (query.Summary, query.Total));
        Assert.Equal(["name", "birthDate"], query.Elements);
        Assert.Equal(
            [
                new IncludeSpec(false, "Patient", "organization", null), new IncludeSpec(false, "Organization", "partof", "Organization", Iterate: true),
                new IncludeSpec(true, "Observation", "subject", null), new IncludeSpec(false, null, null, null),
            ],
            query.Includes);
    }

    [Fact]
    public void Reverse_wildcards_list_the_reference_parameters_they_stand_for()
    {
        var all = Assert.Single(Parse("Patient", "_revinclude=*").Includes);
        var observation = Assert.Single(Parse("Patient", "_revinclude=Observation:*").Includes);

        Assert.Contains(all.Sources!, s => s is { SourceType: "Observation", Parameter: "subject" } && s.Targets.Contains("Patient"));
        Assert.Contains(all.Sources!, s => s is { SourceType: "Encounter", Parameter: "patient" });
        Assert.Equal(all.Sources!.Count, all.Sources.Select(s => (s.SourceType, s.Parameter)).Distinct().Count());
        Assert.All(observation.Sources!, s => Assert.Equal("Observation", s.SourceType));
        Assert.Contains(observation.Sources!, s => s.Parameter == "performer");
        Assert.Null(Assert.Single(Parse("Patient", "_revinclude=Observation:subject").Includes).Sources);
    }

    [Fact]
    public void Unknown_and_unsupported_parameters_are_warnings_or_in_strict_handling_errors()
    {
        const string request = "nonsense=1&gender:in=http://vs&_text=x&_filter=x&near=1|2|3|km&_sort=_score&family=x";

        var lenient = Parse("Patient", request);
        var strict = Parse("Patient", request, strict: true);

        Assert.Equal(
            ["unknown-parameter", "unsupported-modifier", "unsupported-parameter", "unsupported-parameter", "unknown-parameter", "unknown-parameter"],
            lenient.Issues.Select(i => i.Code));
        Assert.All(lenient.Issues, i => Assert.Equal(SearchIssueSeverity.Warning, i.Severity));
        Assert.All(strict.Issues, i => Assert.Equal(SearchIssueSeverity.Error, i.Severity));
        Assert.False(lenient.HasErrors);
        Assert.True(strict.HasErrors);
        Assert.Equal([new KeyValuePair<string, string>("family", "x")], lenient.Used);
        Assert.Single(lenient.Criteria);
    }

    [Fact]
    public void Parameters_this_search_cannot_use_are_reported_not_silently_kept()
    {
        // _type on a search of one type; an _include from a type not searched; a target the parameter never refers to;
        // a _revinclude whose parameter cannot refer to the type searched. :iterate may reach included resources.
        const string request =
            "_type=Patient&_include=Patient:organization&_include=Observation:subject:Practitioner&_revinclude=Observation:performer" +
            "&_include:iterate=Patient:organization&_include=Observation:subject&_revinclude=Provenance:target";

        var lenient = Parse("Observation", request);
        var strict = Parse("Observation", request, strict: true);

        Assert.Equal(["_type=Patient", "_include=Patient:organization", "_include=Observation:subject:Practitioner", "_revinclude=Observation:performer"], lenient.Issues.Select(i => i.Parameter));
        Assert.All(lenient.Issues, i => Assert.Equal("unsupported-parameter", i.Code));
        Assert.True(strict.HasErrors);
        Assert.Equal(["_include:iterate", "_include", "_revinclude"], lenient.Used.Select(u => u.Key));
        Assert.Equal(3, lenient.Includes.Count);
    }

    [Fact]
    public void Malformed_values_are_errors_in_any_handling()
    {
        foreach (var request in new[]
        {
            "birthdate=1974-13-01", "birthdate=gt", "_count=-1", "_count=ten", "_summary=maybe", "_total=some", "probability=abc",
            "value-quantity=5|mg", "code-value-quantity=8480-6", "identifier=|", "gender:missing=yes", "_cursor=zzz", "_lastUpdated=yesterday",
        })
        {
            var type = request.StartsWith("probability", StringComparison.Ordinal) ? "RiskAssessment" :
                request.StartsWith("value", StringComparison.Ordinal) || request.StartsWith("code", StringComparison.Ordinal) ? "Observation" : "Patient";
            var query = Parse(type, request);
            Assert.True(query.HasErrors, request);
            Assert.All(query.Issues, i => Assert.Equal(SearchIssueSeverity.Error, i.Severity));
        }
    }

    [Fact]
    public void System_searches_use_type_and_parameters_of_every_resource()
    {
        var query = Parse(null, "_type=Patient,Observation&_tag=urn:t|x&_type=Observation,Encounter");
        var unknownType = Parse(null, "_type=Patient,Nonsense");
        var typeParameter = Parse(null, "_type=Patient&family=x");

        Assert.Equal(["Observation"], query.ResourceTypes);
        Assert.Single(query.Criteria);
        Assert.Equal([SearchIssueCodes.UnknownType], unknownType.Issues.Select(i => i.Code));
        Assert.Empty(typeParameter.Issues);
        Assert.Null(Parse(null, "_tag=x").ResourceTypes);
        Assert.Equal([SearchIssueCodes.UnknownParameter], Parse(null, "family=x").Issues.Select(i => i.Code));
    }

    [Fact]
    public void Empty_values_are_ignored_and_format_parameters_kept_for_links()
    {
        var query = Parse("Patient", "family=&_format=json&_pretty=true&name=x");

        Assert.Empty(query.Issues);
        Assert.Single(query.Criteria);
        Assert.Equal(["_format", "_pretty", "name"], query.Used.Select(u => u.Key));
    }

    [Fact]
    public void Requests_too_large_to_run_are_errors()
    {
        var manyValues = Parse("Patient", "_id=" + string.Join(",", Enumerable.Range(0, SearchQueryParser.MaxValues + 1)));
        var manyParameters = Parse("Patient", string.Join("&", Enumerable.Range(0, SearchQueryParser.MaxCriteria + 1).Select(i => "family=a" + i)));
        var deep = Parse("Observation", "subject:Patient.organization.partof.partof.partof.name=x");
        var deepHas = Parse("Patient", "_has:Observation:patient:_has:Provenance:target:_has:AuditEvent:entity:_has:Provenance:target:_has:AuditEvent:entity:agent=x");

        Assert.All(new[] { manyValues, manyParameters, deep, deepHas }, q => Assert.Contains(q.Issues, i => i.Code == SearchIssueCodes.TooCostly && i.Severity == SearchIssueSeverity.Error));
        Assert.Empty(Parse("Observation", "subject:Patient.organization.partof.name=x").Issues);
    }

    [Fact]
    public void Searches_comparing_more_values_than_a_statement_holds_are_too_costly()
    {
        static string Values(string prefix) => string.Join(",", Enumerable.Range(0, SearchQueryParser.MaxValues).Select(i => prefix + i));
        var eight = string.Join("&", Enumerable.Range(0, 8).Select(i => $"family={Values("f" + i + "x")}"));

        // Patient's name is compared with its own rows and those of its parts, family and given (docs/search.md).
        Assert.Equal(3 * SearchQueryParser.MaxValues, SearchCost.Of(Assert.Single(Parse("Patient", "name=" + Values("n")).Criteria)));
        Assert.Empty(Parse("Patient", eight).Issues);
        Assert.Empty(Parse("Observation", "subject.name=" + Values("n")).Issues);

        var ninth = Parse("Patient", eight + "&given=g");
        var everyType = Parse("Provenance", "target.identifier=" + Values("v"));

        var issue = Assert.Single(ninth.Issues);
        Assert.Equal((SearchIssueSeverity.Error, SearchIssueCodes.TooCostly, "given"), (issue.Severity, issue.Code, issue.Parameter));
        Assert.Contains(everyType.Issues, i => i.Code == SearchIssueCodes.TooCostly && i.Parameter == "target.identifier");
        Assert.Empty(everyType.Criteria);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
