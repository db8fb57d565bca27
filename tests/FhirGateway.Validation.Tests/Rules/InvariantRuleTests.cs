using FhirGateway.Validation.Tests.TestSupport;

namespace FhirGateway.Validation.Tests.Rules;

/// <summary>Invariants: evaluated from their FHIRPath, or natively for the core ones on every element.</summary>
public sealed class InvariantRuleTests
{
    [Fact]
    public void A_type_invariant_holds_wherever_the_type_is_used()
    {
        var result = Resources.Validate("""
            {"resourceType":"Patient","name":[{"family":"X","period":{"start":"2024-05-01","end":"2024-04-01"}}]}
            """);

        var issue = Assert.Single(result.Issues, i => i.IsError);
        Assert.Equal(ValidationIssueCodes.Invariant, issue.Code);
        Assert.Equal("Patient.name[0].period", issue.Location);
        Assert.StartsWith("Constraint failed: per-1:", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_resource_invariant_is_checked()
    {
        var result = Resources.Validate("""
            {"resourceType":"Observation","status":"final","code":{"text":"x"},"valueString":"a",
             "dataAbsentReason":{"text":"unknown"}}
            """);

        Assert.Contains(result.Issues, i => i.IsError && i.Message.StartsWith("Constraint failed: obs-6:", StringComparison.Ordinal));
    }

    [Fact]
    public void Elements_must_have_a_value_or_children()
    {
        var result = FhirValidator.Default.Validate(Resources.File("tests", "data", "validator-cases", "files", "patient-id-only.xml"));

        var issue = Assert.Single(result.Issues, i => i.IsError);
        Assert.Equal("Patient.implicitRules", issue.Location);
        Assert.Contains("ele-1", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Narrative_with_active_content_breaks_txt_1()
    {
        var result = Resources.Validate("""
            {"resourceType":"Patient","text":{"status":"generated",
             "div":"<div xmlns=\"http://www.w3.org/1999/xhtml\"><p onclick=\"x()\">Jim</p></div>"}}
            """);

        Assert.Equal(2, result.ErrorCount);
        Assert.Contains(result.Issues, i => i.IsError && i.Location == "Patient.text.div" && i.Message.Contains("txt-1", StringComparison.Ordinal));
        Assert.Contains(result.Issues, i => i.Code == ValidationIssueCodes.NarrativeContent && i.Message.Contains("'onclick'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("<object data=\"x\">x</object>", "the element 'object'")]
    [InlineData("<p><script>alert(1)</script></p>", "the element 'script'")]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>", "script URL")]
    [InlineData("<p data-x=\"1\">x</p>", "the attribute 'data-x'")]
    public void Each_thing_the_narrative_rules_forbid_is_named(string content, string expected)
    {
        var div = "<div xmlns=\\\"http://www.w3.org/1999/xhtml\\\">" + content.Replace("\"", "\\\"", StringComparison.Ordinal) + "</div>";
        var result = Resources.Validate("""{"resourceType":"Patient","text":{"status":"generated","div":"DIV"}}""".Replace("DIV", div, StringComparison.Ordinal));

        Assert.Contains(result.Issues, i => i.Code == ValidationIssueCodes.NarrativeContent && i.Message.Contains(expected, StringComparison.Ordinal));
        Assert.Contains(result.Issues, i => i.Message.Contains("txt-1", StringComparison.Ordinal));
    }

    [Fact]
    public void A_block_inside_a_paragraph_is_named_but_keeps_txt_1()
    {
        var result = Resources.Validate("""
            {"resourceType":"Patient","text":{"status":"generated","div":"<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>a<p>b</p></p><p>c<br/></p></div>"}}
            """);

        var issue = Assert.Single(result.Issues, i => i.IsError);
        Assert.Equal(ValidationIssueCodes.NarrativeContent, issue.Code);
        Assert.Contains("inside a paragraph", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Basic_formatting_tables_links_and_images_are_allowed()
    {
        var result = Resources.Validate("""
            {"resourceType":"Patient","text":{"status":"generated","div":"<div xmlns=\"http://www.w3.org/1999/xhtml\" xml:lang=\"en\" lang=\"en\"><h1 class=\"t\">Ann</h1><table border=\"1\" cellpadding=\"2\"><tr><td colspan=\"2\" style=\"color: red\">x</td></tr></table><a href=\"https://example.org\" name=\"n\">link</a><img src=\"#pic\" alt=\"a picture\"/><pre xml:space=\"preserve\"> a </pre></div>"}}
            """);

        Assert.True(result.IsValid, Resources.Describe(result));
    }

    [Fact]
    public void Narrative_with_only_white_space_breaks_txt_2_only()
    {
        var result = Resources.Validate("""
            {"resourceType":"Patient","text":{"status":"generated","div":"<div xmlns=\"http://www.w3.org/1999/xhtml\"><p> </p></div>"}}
            """);

        var issue = Assert.Single(result.Issues, i => i.IsError);
        Assert.Contains("txt-2", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_contained_resource_nobody_references_breaks_dom_3()
    {
        var result = Resources.Validate("""
            {"resourceType":"Condition","subject":{"reference":"Patient/1"},
             "contained":[{"resourceType":"Practitioner","id":"pr1"}]}
            """);

        var issue = Assert.Single(result.Issues, i => i.IsError);
        Assert.Equal("Condition", issue.Location);
        Assert.Contains("dom-3", issue.Message, StringComparison.Ordinal);
        Assert.Contains("pr1", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_contained_resource_referenced_from_the_narrative_meets_dom_3()
    {
        var result = Resources.Validate("""
            {"resourceType":"Condition","subject":{"reference":"Patient/1"},
             "text":{"status":"generated","div":"<div xmlns=\"http://www.w3.org/1999/xhtml\"><a href=\"#pr1\">the practitioner</a></div>"},
             "contained":[{"resourceType":"Practitioner","id":"pr1"}]}
            """);

        Assert.True(result.IsValid, Resources.Describe(result));
    }

    [Fact]
    public void A_local_reference_must_name_a_contained_resource()
    {
        var result = Resources.Validate("""
            {"resourceType":"Condition","subject":{"reference":"#nobody"}}
            """);

        Assert.Equal(2, result.ErrorCount);
        Assert.Contains(result.Issues, i => i.IsError && i.Location == "Condition.subject" && i.Message.Contains("ref-1", StringComparison.Ordinal));
        Assert.Contains(result.Issues, i => i.Code == ValidationIssueCodes.ReferenceUnresolved && i.Location == "Condition.subject");
    }

    [Fact]
    public void A_contained_resource_may_refer_to_its_container_with_a_hash()
    {
        var result = Resources.Validate("""
            {"resourceType":"Patient","id":"p",
             "contained":[{"resourceType":"Provenance","id":"prov","target":[{"reference":"#"}],"recorded":"2020-10-18T23:43:17Z",
               "agent":[{"who":{"display":"Someone"}}]}]}
            """);

        Assert.True(result.IsValid, Resources.Describe(result));
    }

    [Fact]
    public void Warnings_do_not_make_a_resource_invalid()
    {
        var result = Resources.Validate("""{"resourceType":"Patient"}""");

        Assert.True(result.IsValid);
        Assert.Contains(result.Issues, i => i.Message.Contains("dom-6", StringComparison.Ordinal));
    }
}
