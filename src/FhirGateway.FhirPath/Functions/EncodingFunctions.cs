using System.Text;

namespace FhirGateway.FhirPath.Functions;

/// <summary>
/// encode(), decode(), escape() and unescape() of FHIRPath 2.1
/// (https://hl7.org/fhirpath/2.1.0/#additional-string-functions), which the R4 tests use.
/// </summary>
internal static class EncodingFunctions
{
    public static void Register(FunctionTable t)
    {
        const FunctionTraits S = FunctionTraits.StringInput;
        t.Add("encode", 1, 1, Encode, ResultKind.String, S);
        t.Add("decode", 1, 1, Decode, ResultKind.String, S);
        t.Add("escape", 1, 1, Escape, ResultKind.String, S);
        t.Add("unescape", 1, 1, Unescape, ResultKind.String, S);
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
