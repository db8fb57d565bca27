using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace FhirGateway.FhirPath.Functions;

/// <summary>
/// Compiled regular expressions for matches(), matchesFull() and replaceMatches(), cached by pattern. The
/// options follow https://hl7.org/fhirpath/N1/#matchesregex--string--boolean: culture-invariant,
/// case-sensitive, single-line mode (<c>.</c> matches new lines); a timeout bounds hostile patterns.
/// </summary>
internal static class RegexCache
{
    private const int MaxSize = 512;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);
    private static readonly ConcurrentDictionary<(string, bool), Regex> Cache = new();

    public static Regex Get(string pattern, bool full)
    {
        if (Cache.TryGetValue((pattern, full), out var regex))
        {
            return regex;
        }

        regex = new Regex(full ? "^(?:" + pattern + ")$" : pattern, RegexOptions.CultureInvariant | RegexOptions.Singleline, Timeout);
        if (Cache.Count >= MaxSize)
        {
            Cache.Clear();
        }

        Cache[(pattern, full)] = regex;
        return regex;
    }
}
