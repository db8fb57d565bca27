using System.Globalization;
using FhirGateway.Fhir.Model;
using FhirGateway.FhirPath.Values;
using Quantity = FhirGateway.FhirPath.Values.Quantity;

namespace FhirGateway.FhirPath.Tests.Conformance;

/// <summary>The result of running one suite case.</summary>
internal enum Verdict
{
    Passed,
    Failed,

    /// <summary>The case cannot run here (its input is not available).</summary>
    NotRunnable,
}

/// <summary>Runs one suite case and explains a failure.</summary>
internal static class SuiteRunner
{
    // The suite is run in strict mode: the conformant mode, and the one its semantic-error cases assume
    // (lenient access to choice elements by their typed names is this engine's extension, off in strict mode).
    private static readonly FhirPathCompiler Compiler = new(new FhirPathCompileOptions { Strict = true });
    private static readonly FhirPathCompiler OrderedCompiler = new(new FhirPathCompileOptions { Strict = true, CheckOrderedFunctions = true });
    private static readonly FhirPathCompiler LenientCompiler = new();

    /// <summary>Runs a case; <paramref name="strict"/> false runs it with the default (lenient) compiler instead.</summary>
    public static (Verdict Verdict, string Detail) Run(SuiteCase test, bool strict = true)
    {
        ElementNode? input = null;
        if (test.InputFile is not null)
        {
            input = SuiteInputs.Load(test.InputFile);
            if (input is null)
            {
                return (Verdict.NotRunnable, $"input {test.InputFile} is not available");
            }
        }

        var compiler = !strict ? LenientCompiler : test.CheckOrderedFunctions ? OrderedCompiler : Compiler;
        FhirPathExpression expression;
        try
        {
            expression = compiler.Compile(test.Expression, input?.Type.Name);
        }
        catch (FhirPathException e)
        {
            return Rejected(test, e, "compile");
        }

        IReadOnlyList<object> result;
        try
        {
            result = expression.Evaluate(input, new EvaluationContext { Tracer = static (_, _) => { } });
            if (test.Predicate)
            {
                result = [FhirPathExpression.IsTrue(result)];
            }
        }
        catch (FhirPathException e)
        {
            return Rejected(test, e, "evaluation");
        }

        if (test.Invalid is not null)
        {
            return (Verdict.Failed, $"expected a {test.Invalid} error, got [{Describe(result)}]");
        }

        return Matches(test, result, out var why) ? (Verdict.Passed, string.Empty) : (Verdict.Failed, why);
    }

    // A syntax error must be reported as one; the suite's semantic and execution errors are accepted in either phase,
    // since an engine may find a type error at compile time or when it evaluates
    // (https://hl7.org/fhirpath/N1/#type-safety-and-strict-evaluation).
    private static (Verdict, string) Rejected(SuiteCase test, FhirPathException e, string phase)
    {
        if (test.Invalid is null)
        {
            return (Verdict.Failed, $"unexpected {phase} error: {e.Message}");
        }

        var isSyntax = e is FhirPathSyntaxException;
        if (test.Invalid == "syntax" ? isSyntax : !isSyntax)
        {
            return (Verdict.Passed, string.Empty);
        }

        return (Verdict.Failed, $"expected a {test.Invalid} error, got a {(isSyntax ? "syntax" : phase)} error: {e.Message}");
    }

    private static bool Matches(SuiteCase test, IReadOnlyList<object> result, out string why)
    {
        why = $"expected [{string.Join(", ", test.Outputs.Select(o => $"{o.Type}:{o.Value}"))}], got [{Describe(result)}]";
        if (result.Count != test.Outputs.Count)
        {
            return false;
        }

        if (test.Ordered)
        {
            for (var i = 0; i < result.Count; i++)
            {
                if (!ItemMatches(result[i], test.Outputs[i]))
                {
                    return false;
                }
            }

            return true;
        }

        var used = new bool[result.Count];
        foreach (var expected in test.Outputs)
        {
            var found = Enumerable.Range(0, result.Count).FirstOrDefault(i => !used[i] && ItemMatches(result[i], expected), -1);
            if (found < 0)
            {
                return false;
            }

            used[found] = true;
        }

        return true;
    }

    private static bool ItemMatches(object actual, SuiteOutput expected)
    {
        var (type, text) = Canonical(actual);
        if (expected.Type is not null && !string.Equals(type, expected.Type, StringComparison.Ordinal))
        {
            return false;
        }

        var want = expected.Value;
        switch (expected.Type)
        {
            case "decimal":
                return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var a) &&
                       decimal.TryParse(want, NumberStyles.Float, CultureInfo.InvariantCulture, out var b) && a == b;
            case "date" or "dateTime" or "time" or "instant":
                return string.Equals(text, want.TrimStart('@').TrimStart('T'), StringComparison.Ordinal);
            case null:
                return string.Equals(Literal(actual), want, StringComparison.Ordinal);
            default:
                return string.Equals(text, want, StringComparison.Ordinal);
        }
    }

    /// <summary>The type name the suite uses for an item, and its text.</summary>
    private static (string Type, string Text) Canonical(object item) => item switch
    {
        ElementNode n => (n.Type.Name, n.Value ?? string.Empty),
        bool b => ("boolean", b ? "true" : "false"),
        long l => ("integer", l.ToString(CultureInfo.InvariantCulture)),
        decimal d => ("decimal", d.ToString(CultureInfo.InvariantCulture)),
        string s => ("string", s),
        PartialDate d => ("date", d.ToString()),
        PartialDateTime d => ("dateTime", d.ToString()),
        PartialTime t => ("time", t.ToString()),
        Quantity q => ("Quantity", q.ToString()),
        _ => (item.GetType().Name, item.ToString() ?? string.Empty),
    };

    /// <summary>The literal form, for outputs the suite gives without a type (the 2.1 boundary tests).</summary>
    private static string Literal(object item) => item switch
    {
        PartialDate or PartialDateTime => "@" + item,
        PartialTime => "@T" + item,
        decimal d => FormatDecimal(d),
        _ => Canonical(item).Text,
    };

    private static string FormatDecimal(decimal d)
    {
        var text = d.ToString(CultureInfo.InvariantCulture);
        return d == 0 && decimal.IsNegative(d) ? "-" + text : text;
    }

    public static string Describe(IReadOnlyList<object> items) =>
        string.Join(", ", items.Select(i => { var (t, v) = Canonical(i); return $"{t}:{v}"; }));
}
