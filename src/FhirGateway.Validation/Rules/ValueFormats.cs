using FhirGateway.Fhir.Definitions;

namespace FhirGateway.Validation.Rules;

/// <summary>
/// The formats of the commonest primitive types checked in code, with exactly the meaning of their R4 regular
/// expressions under XML Schema rules (where <c>\s</c> is space, tab, CR and LF only); every other type goes to its
/// regular expression. The strings, codes and URIs of a resource are most of its values, and a regular expression
/// per value is most of the cost of checking them.
/// </summary>
internal static class ValueFormats
{
    public static bool IsValid(TypeDefinition type, string value) => type.Name switch
    {
        // [ \r\n\t\S]+ : any non-empty string.
        "string" or "markdown" => value.Length > 0,

        // \S* : no white space.
        "uri" or "url" or "canonical" => !ContainsSpace(value),

        // [^\s]+(\s[^\s]+)* : non-empty, single white space between non-space runs.
        "code" => IsCode(value),
        "boolean" => value is "true" or "false",

        // [A-Za-z0-9\-\.]{1,64}
        "id" => value.Length is >= 1 and <= 64 && IsIdChars(value),
        _ => type.ValueRegex is not { } regex || regex.IsMatch(value),
    };

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\r' or '\n';

    private static bool ContainsSpace(string value)
    {
        foreach (var c in value)
        {
            if (IsSpace(c))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsCode(string value)
    {
        if (value.Length == 0 || IsSpace(value[0]) || IsSpace(value[^1]))
        {
            return false;
        }

        for (var i = 1; i < value.Length; i++)
        {
            if (IsSpace(value[i]) && IsSpace(value[i - 1]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsIdChars(string value)
    {
        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '.'))
            {
                return false;
            }
        }

        return true;
    }
}
