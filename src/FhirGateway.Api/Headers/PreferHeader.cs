using Microsoft.Extensions.Primitives;

namespace FhirGateway.Api.Headers;

/// <summary>The Prefer header (RFC 7240) as FHIR uses it: <c>return</c> and <c>handling</c> (https://hl7.org/fhir/R4/http.html#ops, search.html#errors).</summary>
/// <param name="Return">The return preference.</param>
/// <param name="Strict">Whether <c>handling=strict</c> asked for unknown parameters to be refused.</param>
internal readonly record struct PreferHeader(ReturnPreference Return, bool Strict)
{
    public static PreferHeader Of(HttpRequest request) => Parse(request.Headers["Prefer"]);

    /// <summary>Reads the preferences; unknown ones are ignored, as RFC 7240 section 2 asks.</summary>
    public static PreferHeader Parse(StringValues values)
    {
        var result = ReturnPreference.Representation;
        var strict = false;
        foreach (var value in values)
        {
            foreach (var part in (value ?? string.Empty).Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var eq = part.IndexOf('=', StringComparison.Ordinal);
                if (eq < 0)
                {
                    continue;
                }

                var name = part[..eq].Trim();
                var token = part[(eq + 1)..].Trim().Trim('"');
                if (name.Equals("return", StringComparison.OrdinalIgnoreCase))
                {
                    result = token switch
                    {
                        "minimal" => ReturnPreference.Minimal,
                        "OperationOutcome" => ReturnPreference.OperationOutcome,
                        "representation" => ReturnPreference.Representation,
                        _ => result,
                    };
                }
                else if (name.Equals("handling", StringComparison.OrdinalIgnoreCase))
                {
                    strict = token == "strict";
                }
            }
        }

        return new PreferHeader(result, strict);
    }
}
