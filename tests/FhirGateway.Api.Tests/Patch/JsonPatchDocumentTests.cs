using System.Text;
using System.Text.Json.Nodes;
using FhirGateway.Api.Patch;

namespace FhirGateway.Api.Tests.Patch;

/// <summary>JSON Patch against the examples of RFC 6902 Appendix A, and the errors of section 5.</summary>
public sealed class JsonPatchDocumentTests
{
    [Theory]
    [InlineData("""{"foo":"bar"}""", """[{"op":"add","path":"/baz","value":"qux"}]""", """{"foo":"bar","baz":"qux"}""")]
    [InlineData("""{"foo":["bar","baz"]}""", """[{"op":"add","path":"/foo/1","value":"qux"}]""", """{"foo":["bar","qux","baz"]}""")]
    [InlineData("""{"baz":"qux","foo":"bar"}""", """[{"op":"remove","path":"/baz"}]""", """{"foo":"bar"}""")]
    [InlineData("""{"foo":["bar","qux","baz"]}""", """[{"op":"remove","path":"/foo/1"}]""", """{"foo":["bar","baz"]}""")]
    [InlineData("""{"baz":"qux","foo":"bar"}""", """[{"op":"replace","path":"/baz","value":"boo"}]""", """{"baz":"boo","foo":"bar"}""")]
    [InlineData("""{"foo":{"bar":"baz","waldo":"fred"},"qux":{"corge":"grault"}}""", """[{"op":"move","from":"/foo/waldo","path":"/qux/thud"}]""", """{"foo":{"bar":"baz"},"qux":{"corge":"grault","thud":"fred"}}""")]
    [InlineData("""{"foo":["all","grass","cows","eat"]}""", """[{"op":"move","from":"/foo/1","path":"/foo/3"}]""", """{"foo":["all","cows","eat","grass"]}""")]
    [InlineData("""{"baz":"qux","foo":["a",2,"c"]}""", """[{"op":"test","path":"/baz","value":"qux"},{"op":"test","path":"/foo/1","value":2}]""", """{"baz":"qux","foo":["a",2,"c"]}""")]
    [InlineData("""{"foo":"bar"}""", """[{"op":"add","path":"/child","value":{"grandchild":{}}}]""", """{"foo":"bar","child":{"grandchild":{}}}""")]
    [InlineData("""{"foo":["bar"]}""", """[{"op":"add","path":"/foo/-","value":["abc","def"]}]""", """{"foo":["bar",["abc","def"]]}""")]
    [InlineData("""{"/":9,"~1":10}""", """[{"op":"test","path":"/~01","value":10}]""", """{"/":9,"~1":10}""")]
    [InlineData("""{"foo":"bar"}""", """[{"op":"copy","from":"/foo","path":"/copy"}]""", """{"foo":"bar","copy":"bar"}""")]
    public void Rfc_examples_apply(string document, string patch, string expected)
    {
        var result = Parse(patch).Apply(JsonNode.Parse(document)!);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), result), result.ToJsonString());
    }

    [Theory]
    [InlineData("""{"baz":"qux"}""", """[{"op":"test","path":"/baz","value":"bar"}]""")]
    [InlineData("""{"foo":"bar"}""", """[{"op":"add","path":"/baz/bat","value":"qux"}]""")]
    [InlineData("""{"foo":"bar"}""", """[{"op":"remove","path":"/nothing"}]""")]
    [InlineData("""{"foo":[1]}""", """[{"op":"add","path":"/foo/5","value":2}]""")]
    [InlineData("""{"foo":[1]}""", """[{"op":"remove","path":"/foo/01"}]""")]
    public void Operations_that_cannot_apply_fail_and_leave_the_input_unchanged(string document, string patch)
    {
        var input = JsonNode.Parse(document)!;

        var error = Assert.Throws<JsonPatchException>(() => Parse(patch).Apply(input));

        Assert.False(error.IsMalformed);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(document), input));
    }

    [Theory]
    [InlineData("""{"op":"add","path":"/a","value":1}""")]
    [InlineData("""[{"op":"add","path":"/a"}]""")]
    [InlineData("""[{"op":"move","path":"/a"}]""")]
    [InlineData("""[{"op":"move","from":"/a","path":"/a/b"}]""")]
    [InlineData("""[{"path":"/a"}]""")]
    [InlineData("""[{"op":"remove","path":"a"}]""")]
    [InlineData("""[1]""")]
    [InlineData("""not json""")]
    public void Malformed_documents_are_refused(string patch)
    {
        var error = Assert.Throws<JsonPatchException>(() => Parse(patch));

        Assert.True(error.IsMalformed);
    }

    private static JsonPatchDocument Parse(string patch) => JsonPatchDocument.Parse(Encoding.UTF8.GetBytes(patch));
}
