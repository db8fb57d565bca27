using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text;
using FhirGateway.Storage.Indexing;
using FhirGateway.Storage.Search;

namespace FhirGateway.Storage.Relational.Search;

/// <summary>
/// Writes the SQL of a search into one command: the conditions criteria put on a <c>resources</c> row, with their
/// parameters. One criterion, the most selective by a fixed ranking, finds the candidates
/// (<c>r.resource_key IN (SELECT resource_key FROM search_index ...)</c>, served by the per-kind partial indexes);
/// every other criterion is checked per candidate (<c>EXISTS (... WHERE resource_key = r.resource_key AND param = ...)</c>,
/// served by the index on (resource_key, param)). Kinds are written as literals: SQLite uses a partial index only
/// when the query names its condition that way.
/// </summary>
internal sealed partial class SearchSql(DbCommand command, RelationalProvider provider)
{
    private const int NotDrivable = int.MaxValue;

    private int _parameters;
    private int _aliases;

    public DbCommand Command => command;

    public RelationalProvider Provider => provider;

    /// <summary>A fresh table alias.</summary>
    public string Alias(string prefix) => prefix + (++_aliases).ToString(CultureInfo.InvariantCulture);

    /// <summary>Adds a parameter and returns its name.</summary>
    public string Text(string? value)
    {
        var name = NextName();
        command.WithText(name, value);
        return name;
    }

    public string Int64(long value)
    {
        var name = NextName();
        command.WithInt64(name, value);
        return name;
    }

    public string Timestamp(DateTimeOffset value)
    {
        var name = NextName();
        provider.AddTimestamp(command, name, value);
        return name;
    }

    public string Decimal(decimal value)
    {
        var name = NextName();
        provider.AddDecimal(command, name, value);
        return name;
    }

    /// <summary>A sort value read back from a cursor, bound with the type the database returned it as.</summary>
    public string SortValue(object value) => value switch
    {
        string s => Text(s),
        DateTimeOffset t => Timestamp(t),
        decimal d => Decimal(d),
        double f => Double(f),
        _ => throw new ArgumentException($"A cursor value of type {value.GetType().Name} is not a sort value."),
    };

    /// <summary>A list of text parameters for <c>IN (...)</c>.</summary>
    public string TextList(IEnumerable<string> values) => string.Join(", ", values.Select(Text));

    /// <summary>The condition that <paramref name="r"/> is of one of the types (nothing for all types).</summary>
    public void AppendTypes(StringBuilder sql, string column, IReadOnlyList<string>? types)
    {
        if (types is null)
        {
            sql.Append("1 = 1");
        }
        else if (types.Count == 1)
        {
            sql.Append(column).Append(" = ").Append(Text(types[0]));
        }
        else
        {
            sql.Append(column).Append(" IN (").Append(TextList(types)).Append(')');
        }
    }

    /// <summary>
    /// Appends <c> AND ...</c> for every criterion on the resources row <paramref name="r"/> of
    /// <paramref name="types"/>: one finds candidates, the others check them.
    /// </summary>
    public void AppendCriteria(StringBuilder sql, string r, IReadOnlyList<string>? types, IReadOnlyList<SearchCriterion> criteria)
    {
        _depth++;
        var driver = ChooseDriver(criteria);
        for (var i = 0; i < criteria.Count; i++)
        {
            sql.Append(" AND ");
            if (i == driver)
            {
                sql.Append(r).Append(".resource_key IN (");
                AppendKeys(sql, types, criteria[i]);
                sql.Append(')');
            }
            else
            {
                AppendCheck(sql, r, criteria[i]);
            }
        }

        _depth--;
    }

    /// <summary>
    /// Appends <c> AND (...)</c>: a resources row <paramref name="r"/> of a type listed meets that type's criteria (each
    /// checked on the row; nothing finds candidates), one of another type meets none.
    /// </summary>
    public void AppendPerType(StringBuilder sql, string r, IReadOnlyDictionary<string, IReadOnlyList<SearchCriterion>> perType)
    {
        if (perType.Count == 0)
        {
            return;
        }

        sql.Append(" AND (").Append(r).Append(".resource_type NOT IN (").Append(TextList(perType.Keys)).Append(')');
        foreach (var (type, criteria) in perType)
        {
            sql.Append(" OR (").Append(r).Append(".resource_type = ").Append(Text(type));
            foreach (var criterion in criteria)
            {
                sql.Append(" AND ");
                AppendCheck(sql, r, criterion);
            }

            sql.Append(')');
        }

        sql.Append(')');
    }

    /// <summary>The sort expression of a key on the resources row <paramref name="r"/>.</summary>
    public string SortExpression(string r, SearchSortKey key)
    {
        switch (key.Field)
        {
            case SortField.Id:
                return r + ".resource_id" + provider.CodePointCollation;
            case SortField.LastUpdated:
                return r + ".last_updated";
        }

        var column = key.Kind switch
        {
            IndexKind.String => "text_norm",
            IndexKind.Token => "code",
            IndexKind.Date => key.Descending ? "date_high" : "date_low",
            IndexKind.Reference => "ref_id",
            IndexKind.Number or IndexKind.Quantity => key.Descending ? "num_high" : "num_value",
            _ => "uri",
        };
        var s = Alias("o");
        return $"(SELECT {(key.Descending ? "MAX" : "MIN")}({s}.{column}) FROM search_index {s} WHERE {s}.resource_key = {r}.resource_key " +
            $"AND {s}.param {(key.Parts is { } parts ? $"IN ({TextList(parts)})" : "= " + Text(key.Parameter))} AND {s}.kind = {(int)key.Kind} AND {s}.grp IS NULL)";
    }

    private static int ChooseDriver(IReadOnlyList<SearchCriterion> criteria)
    {
        var best = -1;
        var bestScore = NotDrivable;
        for (var i = 0; i < criteria.Count; i++)
        {
            if (criteria[i] is IdCriterion)
            {
                // r.resource_id IN (...) with the type is a unique-index lookup already: nothing finds fewer.
                return -1;
            }

            var score = Score(criteria[i]);
            if (score < bestScore)
            {
                best = i;
                bestScore = score;
            }
        }

        return best;
    }

    // A fixed ranking of how few resources a criterion usually matches; no statistics needed.
    private static int Score(SearchCriterion criterion) => criterion switch
    {
        IndexCriterion index => index.AnyOf.Max(Score),
        CompositeCriterion => 2,
        ChainCriterion => 4,
        ReverseChainCriterion => 5,
        MissingCriterion { Missing: false } => 20,
        AnyOfCriterion any when any.AnyOf.All(a => Score(a) != NotDrivable) => any.AnyOf.Max(Score) + 1,
        OfTypesCriterion ofTypes => Score(ofTypes.Criterion),

        // At the top level the id is a condition on the row itself (ChooseDriver); inside an alternative of named types
        // (OfTypesCriterion), a lookup by type and id. resources has no index that starts with the id, so the driver
        // needs the types: an alternative without them (null types, in AppendKeys) would read every resource.
        IdCriterion => 0,
        _ => NotDrivable,
    };

    private static int Score(IndexPredicate predicate) => predicate switch
    {
        ReferencePredicate { Id: not null } => 1,
        ReferencePredicate or TokenPredicate { Code: not null } or UriPredicate { Below: false } => 2,
        StringPredicate { Match: StringMatch.Exact } => 3,
        StringPredicate { Match: StringMatch.StartsWith } or DatePredicate { Comparator: Comparator.Eq } or NumberPredicate { Comparator: Comparator.Eq } => 6,
        UriPredicate or DatePredicate or NumberPredicate => 8,
        TokenPredicate => 10,
        _ => 12,
    };

    /// <summary>
    /// A SELECT of the keys of the resources of <paramref name="types"/> that meet a (drivable) criterion, or a UNION
    /// of such SELECTs; returns how many SELECTs the UNION has.
    /// </summary>
    private int AppendKeys(StringBuilder sql, IReadOnlyList<string>? types, SearchCriterion criterion)
    {
        switch (criterion)
        {
            case IndexCriterion index:
                // One SELECT per value, joined by UNION: with the values OR-ed in one WHERE, SQLite 3.40 looked up only
                // the (resource_type, param) prefix of the kind's index and read every row of the parameter
                // (Observation?subject=Patient/a,Patient/b read all the Observations' subject rows; EXPLAIN QUERY PLAN).
                if (index.AnyOf.Count == 0)
                {
                    throw new ArgumentException("A criterion needs at least one value.");
                }

                return AppendUnion(sql, index.AnyOf.Select(value => new UnionPart(1, () =>
                {
                    var s = Alias("s");
                    sql.Append("SELECT ").Append(s).Append(".resource_key FROM search_index ").Append(s).Append(" WHERE ");
                    AppendRowsOf(sql, s, types, index.Parameter, index.Kind);
                    sql.Append(" AND ");
                    AppendPredicate(sql, s, index.Kind, value);
                })).ToList());

            case MissingCriterion missing:
            {
                var s = Alias("s");
                sql.Append("SELECT ").Append(s).Append(".resource_key FROM search_index ").Append(s).Append(" WHERE ");
                AppendRowsOf(sql, s, types, missing.Parameter, missing.Kind);
                return 1;
            }

            case OfTypesCriterion ofTypes:
            {
                var both = types is null ? ofTypes.Types : ofTypes.Types.Where(types.Contains).ToList();
                if (both.Count == 0)
                {
                    sql.Append("SELECT resource_key FROM resources WHERE 1 = 0");
                    return 1;
                }

                return AppendKeys(sql, both, ofTypes.Criterion);
            }

            case IdCriterion id:
            {
                // Without types (never built so: compartment criteria name theirs) this reads every resource, but correctly.
                var t = Alias("t");
                sql.Append("SELECT ").Append(t).Append(".resource_key FROM resources ").Append(t).Append(" WHERE ");
                AppendTypes(sql, t + ".resource_type", types);
                sql.Append(" AND ").Append(t).Append(".resource_id IN (").Append(id.Ids.Count == 0 ? "NULL" : TextList(id.Ids)).Append(')');
                return 1;
            }

            case AnyOfCriterion any:
                // Each alternative is written first to learn how many SELECTs it has (the UNION may have to nest it).
                return AppendUnion(sql, any.AnyOf.Select(alternative =>
                {
                    var keys = new StringBuilder();
                    var terms = AppendKeys(keys, types, alternative);
                    return new UnionPart(terms, () => sql.Append(keys));
                }).ToList());

            case CompositeCriterion composite:
                return AppendUnion(sql, composite.AnyOf.Select(components =>
                    new UnionPart(1, () => AppendComposite(sql, null, types, components, composite.SameOccurrence))).ToList());

            case ChainCriterion chain:
                return AppendChainKeys(sql, types, chain);

            case ReverseChainCriterion has:
                return AppendHasKeys(sql, types, has);

            default:
                throw new InvalidOperationException($"A {criterion.GetType().Name} cannot find candidates.");
        }
    }

    /// <summary>A condition that the resources row <paramref name="r"/> meets a criterion.</summary>
    private void AppendCheck(StringBuilder sql, string r, SearchCriterion criterion)
    {
        switch (criterion)
        {
            case IndexCriterion index when provider.NamesTypeInExactChecks && IsKeyed(index.AnyOf):
                // One EXISTS per value, each the exact entry of the kind's index: with the values OR-ed in one EXISTS,
                // SQLite 3.40 looked up only the (resource_type, param) prefix and read every row of the parameter for
                // each candidate (Observation?subject=Patient/x&code=a,b: 700 ms at 87,000 Observations; EXPLAIN QUERY PLAN).
                sql.Append('(');
                AppendOr(sql, index.AnyOf.Count, i =>
                {
                    var s = Alias("s");
                    sql.Append("EXISTS (SELECT 1 FROM search_index ").Append(s).Append(" WHERE ");
                    AppendRowsOfResource(sql, s, r, index.Parameter, index.Kind, keyed: true);
                    sql.Append(" AND ");
                    AppendPredicate(sql, s, index.Kind, index.AnyOf[i]);
                    sql.Append(')');
                });
                sql.Append(')');
                break;

            case IndexCriterion index:
            {
                var s = Alias("s");
                sql.Append("EXISTS (SELECT 1 FROM search_index ").Append(s).Append(" WHERE ");
                AppendRowsOfResource(sql, s, r, index.Parameter, index.Kind);
                sql.Append(" AND ");
                AppendAnyOf(sql, s, index.Kind, index.AnyOf);
                sql.Append(')');
                break;
            }

            case MissingCriterion missing:
            {
                var s = Alias("s");
                sql.Append(missing.Missing ? "NOT EXISTS" : "EXISTS").Append(" (SELECT 1 FROM search_index ").Append(s).Append(" WHERE ");
                AppendRowsOfResource(sql, s, r, missing.Parameter, missing.Kind);
                sql.Append(')');
                break;
            }

            case NotCriterion not:
                sql.Append("NOT (");
                AppendCheck(sql, r, not.Criterion);
                sql.Append(')');
                break;

            case OfTypesCriterion { Types.Count: 0 }:
                sql.Append("1 = 0");
                break;

            case OfTypesCriterion ofTypes:
                sql.Append('(');
                AppendTypes(sql, r + ".resource_type", ofTypes.Types);
                sql.Append(" AND ");
                AppendCheck(sql, r, ofTypes.Criterion);
                sql.Append(')');
                break;

            case AnyOfCriterion any:
                sql.Append('(');
                AppendOr(sql, any.AnyOf.Count, i => AppendCheck(sql, r, any.AnyOf[i]));
                sql.Append(')');
                break;

            case CompositeCriterion composite:
                sql.Append('(');
                AppendOr(sql, composite.AnyOf.Count, i =>
                {
                    sql.Append("EXISTS (");
                    AppendComposite(sql, r, null, composite.AnyOf[i], composite.SameOccurrence);
                    sql.Append(')');
                });
                sql.Append(')');
                break;

            case ChainCriterion chain:
            {
                var s = Alias("s");
                var t = Alias("t");
                sql.Append("EXISTS (SELECT 1 FROM search_index ").Append(s).Append(" JOIN resources ").Append(t).Append(" ON ")
                    .Append(t).Append(".resource_type = ").Append(s).Append(".ref_type AND ").Append(t).Append(".resource_id = ").Append(s).Append(".ref_id WHERE ");
                AppendRowsOfResource(sql, s, r, chain.Parameter, IndexKind.Reference);
                sql.Append(" AND ");
                AppendTypes(sql, t + ".resource_type", chain.TargetTypes);
                sql.Append(" AND NOT ").Append(t).Append(".deleted");
                AppendCriteria(sql, t, chain.TargetTypes, chain.TargetCriteria);
                sql.Append(')');
                break;
            }

            case ReverseChainCriterion has:
            {
                var s = Alias("s");
                var o = Alias("h");
                sql.Append("EXISTS (SELECT 1 FROM search_index ").Append(s).Append(" JOIN resources ").Append(o).Append(" ON ")
                    .Append(o).Append(".resource_key = ").Append(s).Append(".resource_key WHERE ").Append(s).Append(".kind = 4 AND ")
                    .Append(s).Append(".resource_type = ").Append(Text(has.SourceType)).Append(" AND ").Append(s).Append(".param = ").Append(Text(has.Parameter))
                    .Append(" AND ").Append(s).Append(".ref_id = ").Append(r).Append(".resource_id AND ").Append(s).Append(".ref_type = ").Append(r).Append(".resource_type")
                    .Append(" AND NOT ").Append(o).Append(".deleted");
                AppendCriteria(sql, o, [has.SourceType], has.SourceCriteria);
                sql.Append(')');
                break;
            }

            case IdCriterion { Ids.Count: 0 }:
                sql.Append("1 = 0");
                break;

            case IdCriterion id:
                sql.Append(r).Append(".resource_id IN (").Append(TextList(id.Ids)).Append(')');
                break;

            case LastUpdatedCriterion updated:
                sql.Append('(');
                AppendOr(sql, updated.AnyOf.Count, i => AppendPointInTime(sql, r + ".last_updated", updated.AnyOf[i]));
                sql.Append(')');
                break;

            default:
                throw new ArgumentException($"Unknown criterion {criterion.GetType().Name}.");
        }
    }

    /// <summary>
    /// The components of one composite value, each a row of the same resource (and, with <paramref name="sameOccurrence"/>,
    /// of the same occurrence): as a SELECT of keys of <paramref name="types"/> (<paramref name="r"/> null), or as the
    /// body of an EXISTS for the row <paramref name="r"/>.
    /// </summary>
    private void AppendComposite(StringBuilder sql, string? r, IReadOnlyList<string>? types, IReadOnlyList<CompositeComponent> components, bool sameOccurrence)
    {
        var aliases = components.Select(_ => Alias("c")).ToArray();
        sql.Append("SELECT ").Append(aliases[0]).Append(".resource_key FROM search_index ").Append(aliases[0]);
        for (var i = 1; i < components.Count; i++)
        {
            var c = aliases[i];
            sql.Append(" JOIN search_index ").Append(c).Append(" ON ").Append(c).Append(".resource_key = ").Append(aliases[0]).Append(".resource_key AND ");
            if (sameOccurrence)
            {
                sql.Append(c).Append(".grp = ").Append(aliases[0]).Append(".grp AND ");
            }

            sql.Append(c).Append(".param = ").Append(Text(components[i].Parameter))
                .Append(" AND ").Append(c).Append(".kind = ").Append((int)components[i].Kind).Append(" AND ");
            AppendPredicate(sql, c, components[i].Kind, components[i].Predicate);
        }

        sql.Append(" WHERE ");
        if (r is null)
        {
            // Rows read from plain parameters (not sameOccurrence) are outside composites, in the partial indexes.
            AppendRowsOf(sql, aliases[0], types, components[0].Parameter, components[0].Kind, component: sameOccurrence);
        }
        else
        {
            AppendRowsOfResource(sql, aliases[0], r, components[0].Parameter, components[0].Kind);
        }

        sql.Append(" AND ");
        AppendPredicate(sql, aliases[0], components[0].Kind, components[0].Predicate);
    }

    /// <summary>
    /// Rows of a parameter of any resource of the types: the leading columns of the per-kind indexes. The indexes of
    /// strings, dates, numbers, quantities and URIs hold only rows outside composites (grp IS NULL, schema version 5),
    /// so a plain parameter's lookup says so for the planner to use them; a plain parameter has no other rows anyway.
    /// </summary>
    private void AppendRowsOf(StringBuilder sql, string s, IReadOnlyList<string>? types, string parameter, IndexKind kind, bool component = false)
    {
        sql.Append(s).Append(".kind = ").Append((int)kind).Append(" AND ");
        AppendTypes(sql, s + ".resource_type", types);
        sql.Append(" AND ").Append(s).Append(".param = ").Append(Text(parameter));
        if (!component && kind is not (IndexKind.Token or IndexKind.Reference))
        {
            sql.Append(" AND ").Append(s).Append(".grp IS NULL");
        }
    }

    /// <summary>Rows of a parameter of one resource: the index on (resource_key, param).</summary>
    // The rows of one candidate resource for one parameter. With keyed, the values checked are equalities on every
    // column between param and resource_key of a per-kind index (token code and system, reference id and type, or
    // URL): then a resource_type term, which changes no result (a row has its resource's type), lets the database look
    // up that index's exact entry instead of reading the (resource_key, param) index and then each row from the table
    // (4x fewer gateway CPU per Observation?subject=&code= at full scale, docs/benchmarks.md, issue 4). Without such
    // equalities the term would send SQLite's planner scanning the per-kind index over every row of the parameter.
    // Only where the provider asks for it (RelationalProvider.NamesTypeInExactChecks): PostgreSQL plans worse with it.
    private void AppendRowsOfResource(StringBuilder sql, string s, string r, string parameter, IndexKind kind, bool keyed = false)
    {
        sql.Append(s).Append(".resource_key = ").Append(r).Append(".resource_key AND ");
        if (keyed)
        {
            sql.Append(s).Append(".resource_type = ").Append(r).Append(".resource_type AND ");
        }

        sql.Append(s).Append(".param = ").Append(Text(parameter)).Append(" AND ").Append(s).Append(".kind = ").Append((int)kind);
    }

    private static bool IsKeyed(IReadOnlyList<IndexPredicate> predicates) =>
        predicates.Count > 0 && predicates.All(p => p switch
        {
            TokenPredicate token => token.Code is not null && token.SystemMatch != TokenSystemMatch.Any,
            ReferencePredicate reference => reference.Url is null ? reference.Id is not null && reference.Type is not null : reference.Id is null,
            _ => false,
        });

    private void AppendAnyOf(StringBuilder sql, string s, IndexKind kind, IReadOnlyList<IndexPredicate> predicates)
    {
        if (predicates.Count == 0)
        {
            throw new ArgumentException("A criterion needs at least one value.");
        }

        sql.Append('(');
        AppendOr(sql, predicates.Count, i => AppendPredicate(sql, s, kind, predicates[i]));
        sql.Append(')');
    }

    private string Double(double value)
    {
        var name = NextName();
        command.With(name, value, DbType.Double);
        return name;
    }

    private string NextName() => "@p" + (_parameters++).ToString(CultureInfo.InvariantCulture);
}
