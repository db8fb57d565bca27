using FhirGateway.Validation.Tests.TestSupport;

namespace FhirGateway.Validation.Tests.Rules;

/// <summary>References (target types, contained, Bundle entries) and the Bundle rules.</summary>
public sealed class ReferenceAndBundleRuleTests
{
    [Fact]
    public void A_reference_to_a_type_the_element_does_not_allow_is_an_error()
    {
        var result = Resources.Validate("""{"resourceType":"Patient","generalPractitioner":[{"reference":"Observation/1"}]}""");

        var issue = Assert.Single(result.Issues, i => i.IsError);
        Assert.Equal(ValidationIssueCodes.ReferenceTarget, issue.Code);
        Assert.Equal("Patient.generalPractitioner[0]", issue.Location);
    }

    [Fact]
    public void A_reference_resolved_in_the_bundle_is_checked_by_the_entry_type()
    {
        var result = Resources.Validate("""
            {"resourceType":"Bundle","type":"collection","entry":[
              {"fullUrl":"urn:uuid:8b1d3c9e-7a4b-4a7e-9d2f-2c1e6b5a4f10","resource":{"resourceType":"Observation","status":"final","code":{"text":"x"}}},
              {"fullUrl":"urn:uuid:0e6f2a1b-3c4d-4e5f-8a9b-7c6d5e4f3a21","resource":{"resourceType":"Patient",
                "generalPractitioner":[{"reference":"urn:uuid:8b1d3c9e-7a4b-4a7e-9d2f-2c1e6b5a4f10"}]}}]}
            """);

        var issue = Assert.Single(result.Issues, i => i.IsError);
        Assert.Equal("Bundle.entry[1].resource.generalPractitioner[0]", issue.Location);
    }

    [Fact]
    public void A_message_bundle_must_start_with_a_MessageHeader()
    {
        var result = Resources.Validate("""
            {"resourceType":"Bundle","type":"message","timestamp":"2024-01-01T00:00:00Z",
             "identifier":{"system":"urn:ietf:rfc:3986","value":"urn:uuid:6b5a4f10-8b1d-4a7e-9d2f-3c9e7a4b2c1e"},
             "entry":[{"fullUrl":"urn:uuid:0e6f2a1b-3c4d-4e5f-8a9b-7c6d5e4f3a21","resource":{"resourceType":"Patient"}}]}
            """);

        Assert.Contains(result.Issues, i => i.IsError && i.Message.Contains("bdl-12", StringComparison.Ordinal));
    }

    [Fact]
    public void A_message_carries_the_focus_of_its_header()
    {
        var result = Resources.Validate("""
            {"resourceType":"Bundle","type":"message","timestamp":"2024-01-01T00:00:00Z",
             "identifier":{"system":"urn:ietf:rfc:3986","value":"urn:uuid:6b5a4f10-8b1d-4a7e-9d2f-3c9e7a4b2c1e"},
             "entry":[{"fullUrl":"urn:uuid:1b5a4f10-8b1d-4a7e-9d2f-3c9e7a4b2c1e","resource":{"resourceType":"MessageHeader",
               "eventCoding":{"system":"http://example.org/events","code":"x"},"source":{"endpoint":"http://example.org"},
               "focus":[{"reference":"urn:uuid:0e6f2a1b-3c4d-4e5f-8a9b-7c6d5e4f3a21"},{"reference":"urn:uuid:9e6f2a1b-3c4d-4e5f-8a9b-7c6d5e4f3a21"}]}},
              {"fullUrl":"urn:uuid:0e6f2a1b-3c4d-4e5f-8a9b-7c6d5e4f3a21","resource":{"resourceType":"Patient"}}]}
            """);

        var issue = Assert.Single(result.Issues, i => i.IsError);
        Assert.Equal(ValidationIssueCodes.ReferenceUnresolved, issue.Code);
        Assert.Equal("Bundle.entry[0].resource.focus[1]", issue.Location);
    }

    [Fact]
    public void A_document_carries_what_its_composition_refers_to()
    {
        var result = Resources.Validate("""
            {"resourceType":"Bundle","type":"document","timestamp":"2024-01-01T00:00:00Z",
             "identifier":{"system":"urn:ietf:rfc:3986","value":"urn:uuid:6b5a4f10-8b1d-4a7e-9d2f-3c9e7a4b2c1e"},
             "entry":[{"fullUrl":"urn:uuid:1b5a4f10-8b1d-4a7e-9d2f-3c9e7a4b2c1e","resource":{"resourceType":"Composition","status":"final",
               "type":{"text":"Summary"},"date":"2024-01-01","title":"Summary","subject":{"reference":"urn:uuid:0e6f2a1b-3c4d-4e5f-8a9b-7c6d5e4f3a21"},
               "author":[{"reference":"urn:uuid:9e6f2a1b-3c4d-4e5f-8a9b-7c6d5e4f3a21"}],
               "section":[{"title":"A","text":{"status":"generated","div":"<div xmlns=\"http://www.w3.org/1999/xhtml\">a</div>"},
                 "entry":[{"reference":"urn:uuid:0e6f2a1b-3c4d-4e5f-8a9b-7c6d5e4f3a21"},{"reference":"urn:uuid:5e6f2a1b-3c4d-4e5f-8a9b-7c6d5e4f3a21"}]}]}},
              {"fullUrl":"urn:uuid:0e6f2a1b-3c4d-4e5f-8a9b-7c6d5e4f3a21","resource":{"resourceType":"Patient"}}]}
            """);

        Assert.Equal(["Bundle.entry[0].resource.author[0]", "Bundle.entry[0].resource.section[0].entry[1]"],
            result.Issues.Where(i => i.Code == ValidationIssueCodes.ReferenceUnresolved).Select(i => i.Location));
        Assert.Equal(2, result.ErrorCount);
    }

    [Fact]
    public void A_restful_full_url_must_end_with_the_type_and_id()
    {
        var result = Resources.Validate("""
            {"resourceType":"Bundle","type":"collection","entry":[
              {"fullUrl":"http://example.org/fhir/Patient/2","resource":{"resourceType":"Patient","id":"1"}}]}
            """);

        var issue = Assert.Single(result.Issues, i => i.IsError);
        Assert.Equal(ValidationIssueCodes.FullUrlMismatch, issue.Code);
        Assert.Equal("Bundle.entry[0].fullUrl", issue.Location);
    }

    [Fact]
    public void Entries_are_validated_as_resources()
    {
        var result = Resources.Validate("""
            {"resourceType":"Bundle","type":"collection","entry":[
              {"fullUrl":"urn:uuid:0e6f2a1b-3c4d-4e5f-8a9b-7c6d5e4f3a21","resource":{"resourceType":"Patient","gender":"x"}}]}
            """);

        var issue = Assert.Single(result.Issues, i => i.IsError);
        Assert.Equal("Bundle.entry[0].resource.gender", issue.Location);
    }

    [Fact]
    public void An_attachment_size_must_match_its_data()
    {
        var result = Resources.Validate("""
            {"resourceType":"DocumentReference","status":"current","content":[{"attachment":{"contentType":"text/plain","data":"Zm9v","size":100}}]}
            """);

        var issue = Assert.Single(result.Issues, i => i.IsError);
        Assert.Equal(ValidationIssueCodes.AttachmentMismatch, issue.Code);
        Assert.Equal("DocumentReference.content[0].attachment", issue.Location);
    }
}
