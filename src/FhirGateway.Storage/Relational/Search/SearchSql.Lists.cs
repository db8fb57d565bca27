using System.Text;

namespace FhirGateway.Storage.Relational.Search;

// Long lists of alternatives (comma-separated values, https://hl7.org/fhir/R4/search.html#combining; a parameter
// over several types or row sets; reverse includes through every reference parameter) written so that no statement
// outgrows SQLite's limits (https://www.sqlite.org/limits.html): an expression at most 1,000 deep
// (SQLITE_MAX_EXPR_DEPTH), where a subquery counts the depth of every expression around it again, so a flat list of
// 500 ORs failed inside one EXISTS and 200 inside a chain; and a compound SELECT of at most 500 terms
// (SQLITE_MAX_COMPOUND_SELECT). Short lists are written flat, as before.
internal sealed partial class SearchSql
{
    /// <summary>The most alternatives written as one flat <c>a OR b OR ...</c>, whose depth is its length.</summary>
    private const int FlatOrTerms = 8;

    /// <summary>
    /// The most SELECTs written as one compound (<c>... UNION ...</c>), SQLite's default limit; longer unions nest in
    /// subqueries. One parameter's 500 values (SearchQueryParser.MaxValues) stay one compound, as before.
    /// </summary>
    private const int MaxUnionTerms = 500;

    /// <summary>
    /// Writes <paramref name="count"/> alternatives joined by OR: flat up to <see cref="FlatOrTerms"/>, otherwise as
    /// parenthesized groups of at most that many (groups of groups past 64, and so on), so 500 alternatives are 24
    /// deep instead of 500 and nested only twice (SQLite's parser, whose stack holds 100 entries in 3.40, spends a
    /// few on every parenthesis). Both databases flatten nested ORs again before planning (SQLite's
    /// sqlite3WhereSplit for the OR optimization, PostgreSQL's canonicalize_qual), so the plan is the flat list's.
    /// </summary>
    public static void AppendOr(StringBuilder sql, int count, Action<int> term) => AppendOr(sql, 0, count, term);

    private static void AppendOr(StringBuilder sql, int from, int to, Action<int> term)
    {
        var group = 1;
        while (group * FlatOrTerms < to - from)
        {
            group *= FlatOrTerms;
        }

        for (var start = from; start < to; start += group)
        {
            sql.Append(start == from ? string.Empty : " OR ");
            var end = Math.Min(start + group, to);
            if (end - start == 1)
            {
                term(start);
            }
            else
            {
                sql.Append('(');
                AppendOr(sql, start, end, term);
                sql.Append(')');
            }
        }
    }

    /// <summary>
    /// Writes the parts joined by UNION and returns how many SELECTs the compound has (at most
    /// <see cref="MaxUnionTerms"/>). Past that, each part of several SELECTs becomes one,
    /// <c>SELECT u.resource_key FROM (...) u</c>, and past that many parts they are grouped so.
    /// </summary>
    private int AppendUnion(StringBuilder sql, IReadOnlyList<UnionPart> parts)
    {
        if (parts.Sum(p => p.Terms) > MaxUnionTerms)
        {
            var nested = parts.Count <= MaxUnionTerms
                ? parts.Select(p => p.Terms == 1 ? p : Nested(sql, p.Write)).ToList()
                : parts.Chunk(MaxUnionTerms).Select(group => Nested(sql, () => AppendUnion(sql, group))).ToList();
            return AppendUnion(sql, nested);
        }

        for (var i = 0; i < parts.Count; i++)
        {
            sql.Append(i == 0 ? string.Empty : " UNION ");
            parts[i].Write();
        }

        return parts.Sum(p => p.Terms);
    }

    private UnionPart Nested(StringBuilder sql, Action write) => new(1, () =>
    {
        var u = Alias("u");
        sql.Append("SELECT ").Append(u).Append(".resource_key FROM (");
        write();
        sql.Append(") ").Append(u);
    });

    /// <summary>A part of a UNION: <paramref name="Terms"/> SELECTs of resource keys, written by <paramref name="Write"/>.</summary>
    private sealed record UnionPart(int Terms, Action Write);
}
