using System.Text;
using System.Text.RegularExpressions;
using FhirGateway.FhirPath.Evaluation;

namespace FhirGateway.FhirPath.Functions;

/// <summary>https://hl7.org/fhirpath/N1/#string-manipulation, plus the string functions of FHIRPath 2.1 the R4 tests use.</summary>
internal static class StringFunctions
{
    public static void Register(FunctionTable t)
    {
        const FunctionTraits S = FunctionTraits.StringInput;
        t.Add("indexOf", 1, 1, IndexOf, ResultKind.Integer, S);
        t.Add("lastIndexOf", 1, 1, LastIndexOf, ResultKind.Integer, S);
        t.Add("substring", 1, 2, Substring, ResultKind.String, S);
        t.Add("startsWith", 1, 1, StartsWith, ResultKind.Boolean, S);
        t.Add("endsWith", 1, 1, EndsWith, ResultKind.Boolean, S);
        t.Add("contains", 1, 1, Contains, ResultKind.Boolean, S);
        t.Add("upper", 0, 0, Upper, ResultKind.String, S);
        t.Add("lower", 0, 0, Lower, ResultKind.String, S);
        t.Add("replace", 2, 2, Replace, ResultKind.String, S);
        t.Add("matches", 1, 1, Matches, ResultKind.Boolean, S);
        t.Add("matchesFull", 1, 1, MatchesFull, ResultKind.Boolean, S);
        t.Add("replaceMatches", 2, 2, ReplaceMatches, ResultKind.String, S);
        t.Add("length", 0, 0, Length, ResultKind.Integer, S);
        t.Add("toChars", 0, 0, ToChars, ResultKind.String, S);
        t.Add("trim", 0, 0, Trim, ResultKind.String, S);
        t.Add("split", 1, 1, Split, ResultKind.String, S);
        t.Add("join", 0, 1, Join, ResultKind.String);
    }

    private static void IndexOf(in FunctionCall call, List<object> output)
    {
        if (call.InputString() is { } s && call.StringArg(0) is { } sub)
        {
            output.Add(Boxes.Integer(s.IndexOf(sub, StringComparison.Ordinal)));
        }
    }

    private static void LastIndexOf(in FunctionCall call, List<object> output)
    {
        if (call.InputString() is { } s && call.StringArg(0) is { } sub)
        {
            output.Add(Boxes.Integer(sub.Length == 0 ? 0 : s.LastIndexOf(sub, StringComparison.Ordinal)));
        }
    }

    // https://hl7.org/fhirpath/N1/#substringstart--integer--length--integer--string
    private static void Substring(in FunctionCall call, List<object> output)
    {
        var s = call.InputString();
        var start = call.IntegerArg(0);
        if (s is null || start is null)
        {
            return;
        }

        if (start < 0 || start >= s.Length)
        {
            return;
        }

        var length = call.Args.Length > 1 ? call.IntegerArg(1) : null;
        var available = s.Length - (int)start.Value;
        var take = length is null ? available : (int)Math.Clamp(length.Value, 0, available);
        output.Add(s.Substring((int)start.Value, take));
    }

    private static void StartsWith(in FunctionCall call, List<object> output)
    {
        if (call.InputString() is { } s && call.StringArg(0) is { } prefix)
        {
            output.Add(Boxes.Bool(s.StartsWith(prefix, StringComparison.Ordinal)));
        }
    }

    private static void EndsWith(in FunctionCall call, List<object> output)
    {
        if (call.InputString() is { } s && call.StringArg(0) is { } suffix)
        {
            output.Add(Boxes.Bool(s.EndsWith(suffix, StringComparison.Ordinal)));
        }
    }

    private static void Contains(in FunctionCall call, List<object> output)
    {
        if (call.InputString() is { } s && call.StringArg(0) is { } sub)
        {
            output.Add(Boxes.Bool(s.Contains(sub, StringComparison.Ordinal)));
        }
    }

    private static void Upper(in FunctionCall call, List<object> output)
    {
        if (call.InputString() is { } s)
        {
            output.Add(s.ToUpperInvariant());
        }
    }

    private static void Lower(in FunctionCall call, List<object> output)
    {
        if (call.InputString() is { } s)
        {
            output.Add(s.ToLowerInvariant());
        }
    }

    // An empty pattern surrounds every character with the substitution: 'abc'.replace('', 'x') is 'xaxbxcx'.
    private static void Replace(in FunctionCall call, List<object> output)
    {
        var s = call.InputString();
        var pattern = call.StringArg(0);
        var substitution = call.StringArg(1);
        if (s is null || pattern is null || substitution is null)
        {
            return;
        }

        if (pattern.Length > 0)
        {
            output.Add(s.Replace(pattern, substitution, StringComparison.Ordinal));
            return;
        }

        var sb = new StringBuilder(s.Length * (substitution.Length + 1) + substitution.Length);
        sb.Append(substitution);
        foreach (var c in s)
        {
            sb.Append(c).Append(substitution);
        }

        output.Add(sb.ToString());
    }

    private static void Matches(in FunctionCall call, List<object> output) => Match(call, output, full: false);

    private static void MatchesFull(in FunctionCall call, List<object> output) => Match(call, output, full: true);

    private static void Match(in FunctionCall call, List<object> output, bool full)
    {
        if (call.InputString() is { } s && call.StringArg(0) is { } pattern)
        {
            try
            {
                output.Add(Boxes.Bool(Regex(call, pattern, full).IsMatch(s)));
            }
            catch (RegexMatchTimeoutException)
            {
                throw call.Error("the regular expression took too long");
            }
        }
    }

    private static void ReplaceMatches(in FunctionCall call, List<object> output)
    {
        var s = call.InputString();
        var pattern = call.StringArg(0);
        var substitution = call.StringArg(1);
        if (s is null || pattern is null || substitution is null)
        {
            return;
        }

        // An empty pattern matches nowhere useful: the input is returned unchanged, as the R4 tests expect.
        try
        {
            output.Add(pattern.Length == 0 ? s : Regex(call, pattern, false).Replace(s, substitution));
        }
        catch (RegexMatchTimeoutException)
        {
            throw call.Error("the regular expression took too long");
        }
    }

    private static Regex Regex(in FunctionCall call, string pattern, bool full)
    {
        try
        {
            return RegexCache.Get(pattern, full);
        }
        catch (ArgumentException e)
        {
            throw call.Error($"invalid regular expression: {e.Message}");
        }
    }

    private static void Length(in FunctionCall call, List<object> output)
    {
        if (call.InputString() is { } s)
        {
            output.Add(Boxes.Integer(s.Length));
        }
    }

    private static void ToChars(in FunctionCall call, List<object> output)
    {
        if (call.InputString() is { } s)
        {
            foreach (var c in s)
            {
                output.Add(c.ToString());
            }
        }
    }

    private static void Trim(in FunctionCall call, List<object> output)
    {
        if (call.InputString() is { } s)
        {
            output.Add(s.Trim());
        }
    }

    // The separator is literal text, not a pattern.
    private static void Split(in FunctionCall call, List<object> output)
    {
        var s = call.InputString();
        var separator = call.StringArg(0);
        if (s is null || separator is null)
        {
            return;
        }

        if (separator.Length == 0)
        {
            output.Add(s);
            return;
        }

        foreach (var part in s.Split(separator))
        {
            output.Add(part);
        }
    }

    private static void Join(in FunctionCall call, List<object> output)
    {
        if (call.Input.Count == 0)
        {
            return;
        }

        var separator = call.Args.Length > 0 ? call.StringArg(0) ?? string.Empty : string.Empty;
        var sb = new StringBuilder();
        for (var i = 0; i < call.Input.Count; i++)
        {
            if (!SystemValue.TryString(call.Input[i], out var s))
            {
                throw call.Error($"expects Strings, not {SystemValue.Describe(call.Input[i])}");
            }

            if (i > 0)
            {
                sb.Append(separator);
            }

            sb.Append(s);
        }

        output.Add(sb.ToString());
    }
}
