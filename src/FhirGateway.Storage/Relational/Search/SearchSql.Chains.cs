using System.Text;
using FhirGateway.Storage.Indexing;
using FhirGateway.Storage.Search;

namespace FhirGateway.Storage.Relational.Search;

// Chains (https://hl7.org/fhir/R4/search.html#chaining). Each link finding candidates nests two subqueries (the
// referring rows, then the targets), and SQLite 3.40's parser holds 100 entries, about nine per nested subquery: a
// chain of four links failed with "parser stack overflow" before any value list. So the targets of a link inside a
// chain or _has are written as a common table expression at the head of the statement, which the parser reads on its
// own; both databases read a CTE used once as the subquery it stands for (SQLite flattens it, PostgreSQL 12 and
// later inline it), so the plan is the nested one. A link at the top is written inline, as before.
internal sealed partial class SearchSql
{
    // How many criteria lists (AppendCriteria) are being written: 1 for the search's own, 2 inside a chain or _has.
    private int _depth;
    private List<string>? _with;

    /// <summary>The statement text: <paramref name="text"/>, after the common table expressions chains need, if any.</summary>
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
            var targets = _depth <= 1 ? sql : new StringBuilder();
            targets.Append("SELECT ").Append(t).Append(".resource_id FROM resources ").Append(t).Append(" WHERE ").Append(t).Append(".resource_type = ")
                .Append(targetName).Append(" AND NOT ").Append(t).Append(".deleted");
            AppendCriteria(targets, t, [target], chain.TargetCriteria);
            if (targets != sql)
            {
                var w = Alias("w");
                (_with ??= []).Add(w + " AS (" + targets + ")");
                sql.Append("SELECT ").Append(w).Append(".resource_id FROM ").Append(w);
            }

            sql.Append(')');
        })).ToList());
}
