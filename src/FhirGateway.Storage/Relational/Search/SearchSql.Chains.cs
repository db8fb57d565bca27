using System.Text;
using FhirGateway.Storage.Indexing;
using FhirGateway.Storage.Search;

namespace FhirGateway.Storage.Relational.Search;

// Chains and reverse chains (https://hl7.org/fhir/R4/search.html#chaining, #has). A link finding candidates nests two
// subqueries (a chain: the referring rows, then the targets) or three (a _has: the resources referred to, the
// reference rows, then the referring resources), and SQLite 3.40's parser holds 100 entries, about nine per nested
// subquery: a chain of four links, three nested _has, or two with a chain inside failed with "parser stack overflow"
// before any value list. So the far end of a link inside a chain or _has (a chain's targets, a _has's referring
// resources), with the criteria it must meet, is written as a common table expression at the head of the statement,
// which the parser reads on its own: the statement and each CTE hold at most two links finding candidates, the second
// ending in a CTE, however deep the search. SQLite reads a CTE used once as the subquery it stands for (it flattens
// it), so its plan is the nested one; PostgreSQL computes each once (RelationalProvider.MaterializesLinks). A link at
// the top is written inline, as before; a link checked on each candidate (EXISTS) nests one subquery and stays inline.
internal sealed partial class SearchSql
{
    // How many criteria lists (AppendCriteria) are being written: 1 for the search's own, 2 inside a chain or _has.
    private int _depth;
    private List<string>? _with;

    /// <summary>The statement text: <paramref name="text"/>, after the common table expressions its links need, if any.</summary>
    public string Statement(StringBuilder text) =>
        _with is null ? text.ToString() : "WITH " + string.Join(", ", _with) + " " + text;

    /// <summary>
    /// Per target type: the keys of the rows that refer to the targets meeting the chained criteria. The targets' ids
    /// come first (IN on the reference index's ref_id column), so the database starts from the few targets rather than
    /// from every reference row of the parameter.
    /// </summary>
    private int AppendChainKeys(StringBuilder sql, IReadOnlyList<string>? types, ChainCriterion chain) =>
        AppendUnion(sql, chain.TargetTypes.Select(target => new UnionPart(1, () =>
        {
            var s = Alias("s");
            var t = Alias("t");
            sql.Append("SELECT ").Append(s).Append(".resource_key FROM search_index ").Append(s).Append(" WHERE ");
            AppendRowsOf(sql, s, types, chain.Parameter, IndexKind.Reference);
            var targetName = Text(target);
            sql.Append(" AND ").Append(s).Append(".ref_type = ").Append(targetName).Append(" AND ").Append(s).Append(".ref_id IN (");
            AppendFarEnd(sql, "resource_id", targets =>
            {
                targets.Append("SELECT ").Append(t).Append(".resource_id FROM resources ").Append(t).Append(" WHERE ").Append(t).Append(".resource_type = ")
                    .Append(targetName).Append(" AND NOT ").Append(t).Append(".deleted");
                AppendCriteria(targets, t, [target], chain.TargetCriteria);
            });
            sql.Append(')');
        })).ToList());

    /// <summary>
    /// The keys of the resources of <paramref name="types"/> that current resources meeting the criteria refer to: the
    /// referring resources, their reference rows (by resource_key), and the resources those refer to (by type and id).
    /// </summary>
    private int AppendHasKeys(StringBuilder sql, IReadOnlyList<string>? types, ReverseChainCriterion has)
    {
        var t = Alias("t");
        var s = Alias("s");
        var o = Alias("h");
        sql.Append("SELECT ").Append(t).Append(".resource_key FROM resources ").Append(t).Append(" WHERE ");
        AppendTypes(sql, t + ".resource_type", types);
        sql.Append(" AND NOT ").Append(t).Append(".deleted AND (").Append(t).Append(".resource_type, ").Append(t).Append(".resource_id) IN (SELECT ")
            .Append(s).Append(".ref_type, ").Append(s).Append(".ref_id FROM search_index ").Append(s).Append(" WHERE ").Append(s).Append(".kind = 4 AND ")
            .Append(s).Append(".param = ").Append(Text(has.Parameter)).Append(" AND ").Append(s).Append(".resource_key IN (");
        AppendFarEnd(sql, "resource_key", sources =>
        {
            sources.Append("SELECT ").Append(o).Append(".resource_key FROM resources ").Append(o).Append(" WHERE ").Append(o).Append(".resource_type = ")
                .Append(Text(has.SourceType)).Append(" AND NOT ").Append(o).Append(".deleted");
            AppendCriteria(sources, o, [has.SourceType], has.SourceCriteria);
        });
        sql.Append("))");
        return 1;
    }

    /// <summary>
    /// The SELECT of the resources at the far end of a link (its one column <paramref name="column"/>), written by
    /// <paramref name="write"/>: in place for a link of the search's own criteria, otherwise as a common table
    /// expression that the place reads (<c>SELECT w7.resource_id FROM w7</c>). A CTE's own links are written after
    /// their CTEs, so each names only CTEs before it (PostgreSQL's WITH without RECURSIVE asks for that).
    /// </summary>
    private void AppendFarEnd(StringBuilder sql, string column, Action<StringBuilder> write)
    {
        if (_depth <= 1)
        {
            write(sql);
            return;
        }

        var body = new StringBuilder();
        write(body);
        var w = Alias("w");
        (_with ??= []).Add(w + (provider.MaterializesLinks ? " AS MATERIALIZED (" : " AS (") + body + ")");
        sql.Append("SELECT ").Append(w).Append('.').Append(column).Append(" FROM ").Append(w);
    }
}
