using FhirGateway.Fhir.Model;
using FhirGateway.FhirPath.Evaluation;

namespace FhirGateway.FhirPath.Functions;

/// <summary>
/// The functions FHIR adds to FHIRPath (https://hl7.org/fhir/R4/fhirpath.html#functions): extension(),
/// hasValue(), getValue(), resolve(), memberOf(), subsumes(), subsumedBy(), conformsTo() and htmlChecks().
/// elementDefinition(), slice() and checkModifiers() need profiles and are not provided.
/// </summary>
internal static class FhirFunctions
{
    private const string CoreProfileBase = "http://hl7.org/fhir/StructureDefinition/";

    public static void Register(FunctionTable t)
    {
        t.Add("extension", 1, 1, Extension, ResultKind.Extension);

        // Not in the R4 function list, but an R4 search parameter uses it (QuestionnaireResponse item subject).
        t.Add("hasExtension", 1, 1, HasExtension, ResultKind.Boolean);
        t.Add("hasValue", 0, 0, HasValue, ResultKind.Boolean);
        t.Add("getValue", 0, 0, GetValue, ResultKind.Unknown);
        t.Add("resolve", 0, 0, Resolve, ResultKind.Unknown);
        t.Add("memberOf", 1, 1, MemberOf, ResultKind.Boolean);
        t.Add("subsumes", 1, 1, (in FunctionCall c, List<object> o) => Subsumes(c, o, reverse: false), ResultKind.Boolean);
        t.Add("subsumedBy", 1, 1, (in FunctionCall c, List<object> o) => Subsumes(c, o, reverse: true), ResultKind.Boolean);
        t.Add("conformsTo", 1, 1, ConformsTo, ResultKind.Boolean);
        t.Add("htmlChecks", 0, 0, HtmlChecks, ResultKind.Boolean);
    }

    private static void HtmlChecks(in FunctionCall call, List<object> output)
    {
        if (call.InputItem() is { } item)
        {
            output.Add(Boxes.Bool(item is ElementNode { Type.IsXhtml: true, Value: { } xhtml } && NarrativeChecks.IsValid(xhtml)));
        }
    }

    private static void Extension(in FunctionCall call, List<object> output)
    {
        var url = call.StringArg(0);
        if (url is null)
        {
            return;
        }

        foreach (var item in call.Input)
        {
            if (item is not ElementNode node)
            {
                continue;
            }

            foreach (var child in node.Children)
            {
                if (child.Name == "extension" && string.Equals(child.Child("url")?.Value, url, StringComparison.Ordinal))
                {
                    output.Add(child);
                }
            }
        }
    }

    private static void HasExtension(in FunctionCall call, List<object> output)
    {
        var found = call.State.RentList();
        Extension(call, found);
        output.Add(Boxes.Bool(found.Count > 0));
        call.State.Return(found);
    }

    private static void HasValue(in FunctionCall call, List<object> output)
    {
        var has = call.Input.Count == 1 && call.Input[0] switch
        {
            ElementNode n => n.Type.IsPrimitive && n.Value is not null,
            _ => true,
        };
        output.Add(Boxes.Bool(has));
    }

    private static void GetValue(in FunctionCall call, List<object> output)
    {
        if (call.Input.Count == 1 && call.Input[0] is var item && (item is not ElementNode n || n.Type.IsPrimitive) && SystemValue.Of(item) is { } value)
        {
            output.Add(value);
        }
    }

    private static void Resolve(in FunctionCall call, List<object> output)
    {
        foreach (var item in call.Input)
        {
            if (ReferenceResolver.Resolve(call.State, item) is { } resource)
            {
                output.Add(resource);
            }
        }
    }

    // Without a terminology service the answer is unknown: empty.
    private static void MemberOf(in FunctionCall call, List<object> output)
    {
        var item = call.InputItem();
        var valueSet = call.StringArg(0);
        if (item is null || valueSet is null || call.State.Context.Terminology is not { } terminology)
        {
            return;
        }

        if (terminology.MemberOf(item, valueSet) is { } member)
        {
            output.Add(Boxes.Bool(member));
        }
    }

    private static void Subsumes(in FunctionCall call, List<object> output, bool reverse)
    {
        var item = call.InputItem();
        var other = call.Arg(0);
        if (item is null || other is null || call.State.Context.Terminology is not { } terminology)
        {
            return;
        }

        if ((reverse ? terminology.Subsumes(other, item) : terminology.Subsumes(item, other)) is { } result)
        {
            output.Add(Boxes.Bool(result));
        }
    }

    /// <summary>
    /// Core profiles are checked against the type hierarchy; other profiles go to
    /// <see cref="EvaluationContext.ConformsTo"/>, and are an error when no one can decide.
    /// </summary>
    private static void ConformsTo(in FunctionCall call, List<object> output)
    {
        var item = call.InputItem();
        var url = call.StringArg(0);
        if (item is null || url is null)
        {
            return;
        }

        if (item is not ElementNode node)
        {
            output.Add(Boxes.False);
            return;
        }

        if (url.StartsWith(CoreProfileBase, StringComparison.Ordinal) && node.Type.Model.FindType(url[CoreProfileBase.Length..]) is { Url: not null } type)
        {
            output.Add(Boxes.Bool(type.IsAssignableFrom(node.Type)));
            return;
        }

        var decided = call.State.Context.ConformsTo?.Invoke(node, url);
        output.Add(decided is { } b ? Boxes.Bool(b) : throw call.Error($"the profile '{url}' is not known"));
    }
}
