using System.Text;

namespace FhirGateway.Fhir.Definitions;

/// <summary>
/// Translates the regular expressions of the definitions, which follow XML Schema (https://www.w3.org/TR/xmlschema-2/#regexs),
/// into .NET syntax. The one difference that matters for FHIR's patterns: in XML Schema <c>\s</c> is exactly
/// space, tab, CR and LF, while .NET's <c>\s</c> is every Unicode space, so <c>[ \r\n\t\S]+</c> would wrongly
/// refuse a string holding a no-break space.
/// </summary>
internal static class XsdRegex
{
    private const string SpaceClass = @" \t\n\r";
    private const string NonSpaceRanges = @"\x00-\x08\x0B\x0C\x0E-\x1F\x21-\uFFFF";

    public static string ToDotNet(string pattern)
    {
        var sb = new StringBuilder(pattern.Length + 16);
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                var next = pattern[++i];
                switch (next)
                {
                    case 's':
                        sb.Append(inClass ? SpaceClass : "[" + SpaceClass + "]");
                        break;
                    case 'S':
                        sb.Append(inClass ? NonSpaceRanges : "[" + NonSpaceRanges + "]");
                        break;
                    default:
                        sb.Append('\\').Append(next);
                        break;
                }

                continue;
            }

            if (c == '[')
            {
                inClass = true;
            }
            else if (c == ']')
            {
                inClass = false;
            }

            sb.Append(c);
        }

        return sb.ToString();
    }
}
