using FhirGateway.Fhir.Model;

namespace FhirGateway.FhirPath.Tests.TestSupport;

/// <summary>Short helpers for evaluating expressions in tests.</summary>
internal static class Fhp
{
    public static IReadOnlyList<object> Eval(string expression, ElementNode? focus = null, EvaluationContext? context = null) =>
        FhirPathExpression.Parse(expression).Evaluate(focus, context);

    /// <summary>The single result item; fails when the result is empty or has more.</summary>
    public static object One(string expression, ElementNode? focus = null, EvaluationContext? context = null)
    {
        var result = Eval(expression, focus, context);
        Assert.True(result.Count == 1, $"{expression} gave {result.Count} items");
        return result[0];
    }

    /// <summary>The text of the single result item: a node's value, or a system value's string form.</summary>
    public static string Text(string expression, ElementNode? focus = null, EvaluationContext? context = null) =>
        One(expression, focus, context) switch
        {
            ElementNode n => n.Value ?? string.Empty,
            var v => v.ToString() ?? string.Empty,
        };

    /// <summary>Whether the expression gives exactly one true.</summary>
    public static bool True(string expression, ElementNode? focus = null, EvaluationContext? context = null) =>
        One(expression, focus, context) is true;

    public static bool Empty(string expression, ElementNode? focus = null, EvaluationContext? context = null) =>
        Eval(expression, focus, context).Count == 0;

    /// <summary>A small Patient with names, a birth date with an extension, a contained practitioner and references.</summary>
    public static ElementNode Patient => LazyPatient.Value;

    private static readonly Lazy<ElementNode> LazyPatient = new(() => Resources.Json("""
        {
          "resourceType": "Patient",
          "id": "p1",
          "contained": [ { "resourceType": "Practitioner", "id": "gp", "name": [ { "family": "Careful" } ] } ],
          "active": true,
          "name": [
            { "use": "official", "family": "Chalmers", "given": [ "Peter", "James" ] },
            { "use": "usual", "given": [ "Jim" ] }
          ],
          "gender": "male",
          "birthDate": "1974-12-25",
          "_birthDate": { "extension": [ { "url": "http://hl7.org/fhir/StructureDefinition/patient-birthTime", "valueDateTime": "1974-12-25T14:35:45-05:00" } ] },
          "generalPractitioner": [ { "reference": "#gp" } ],
          "managingOrganization": { "reference": "Organization/1" }
        }
        """));
}
