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
        t.Add("encode", 1, 1, Encode, ResultKind.String, S);
        t.Add("decode", 1, 1, Decode, ResultKind.String, S);
        t.Add("escape", 1, 1, Escape, ResultKind.String, S);
        t.Add("unescape", 1, 1, Unescape, ResultKind.String, S);
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
            output.Add(Boxes.Bool(Regex(call, pattern, full).IsMatch(s)));
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
        output.Add(pattern.Length == 0 ? s : Regex(call, pattern, false).Replace(s, substitution));
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

    // https://hl7.org/fhirpath/2.1.0/#encodeformat--string--string: hex (lower case), base64, urlbase64 (padded).
    private static void Encode(in FunctionCall call, List<object> output)
    {
        var s = call.InputString();
        var format = call.StringArg(0);
        if (s is null || format is null)
        {
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(s);
        string? result = format switch
        {
            "hex" => Convert.ToHexStringLower(bytes),
            "base64" => Convert.ToBase64String(bytes),
            "urlbase64" => Convert.ToBase64String(bytes).Replace('+', '-').Replace('/', '_'),
            _ => null,
        };

        if (result is not null)
        {
            output.Add(result);
        }
    }

    private static void Decode(in FunctionCall call, List<object> output)
    {
        var s = call.InputString();
        var format = call.StringArg(0);
        if (s is null || format is null)
        {
            return;
        }

        try
        {
            byte[]? bytes = format switch
            {
                "hex" => Convert.FromHexString(s),
                "base64" => Convert.FromBase64String(s),
                "urlbase64" => Convert.FromBase64String(s.Replace('-', '+').Replace('_', '/')),
                _ => null,
            };

            if (bytes is not null)
            {
                output.Add(Encoding.UTF8.GetString(bytes));
            }
        }
        catch (FormatException)
        {
            throw call.Error($"the input is not valid {format}");
        }
    }

    private static void Escape(in FunctionCall call, List<object> output)
    {
        var s = call.InputString();
        var target = call.StringArg(0);
        if (s is null || target is null)
        {
            return;
        }

        string? result = target switch
        {
            "html" => System.Net.WebUtility.HtmlEncode(s),
            "json" => EscapeJson(s),
            _ => null,
        };

        if (result is not null)
        {
            output.Add(result);
        }
    }

    private static void Unescape(in FunctionCall call, List<object> output)
    {
        var s = call.InputString();
        var target = call.StringArg(0);
        if (s is null || target is null)
        {
            return;
        }

        string? result = target switch
        {
            "html" => System.Net.WebUtility.HtmlDecode(s),
            "json" => UnescapeJson(s),
            _ => null,
        };

        if (result is not null)
        {
            output.Add(result);
        }
    }

    // JSON string escaping (RFC 8259 section 7): quotes, backslash and control characters only.
    private static string EscapeJson(string s)
    {
        var sb = new StringBuilder(s.Length + 8);
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\f': sb.Append("\\f"); break;
                case '\b': sb.Append("\\b"); break;
                case < ' ': sb.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture)); break;
                default: sb.Append(c); break;
            }
        }

        return sb.ToString();
    }

    private static string UnescapeJson(string s)
    {
        var sb = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c != '\\' || i + 1 >= s.Length)
            {
                sb.Append(c);
                continue;
            }

            var e = s[++i];
            switch (e)
            {
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 't': sb.Append('\t'); break;
                case 'f': sb.Append('\f'); break;
                case 'b': sb.Append('\b'); break;
                case 'u' when i + 4 < s.Length && ushort.TryParse(s.AsSpan(i + 1, 4), System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out var code):
                    sb.Append((char)code);
                    i += 4;
                    break;
                default: sb.Append(e); break;
            }
        }

        return sb.ToString();
    }
}
