using System.Text;
using FhirGateway.Storage.Indexing;
using FhirGateway.Storage.Search;

namespace FhirGateway.Storage.Relational.Search;

// The predicates of one index row: what each kind's columns must hold to match one search value.
internal sealed partial class SearchSql
{
    private void AppendPredicate(StringBuilder sql, string s, IndexKind kind, IndexPredicate predicate)
    {
        switch (predicate)
        {
            case StringPredicate text:
                AppendString(sql, s, text);
                break;

            case TokenPredicate token:
                sql.Append('(');
                if (token.Code is not null)
                {
                    sql.Append(s).Append(".code = ").Append(Text(token.Code));
                }

                switch (token.SystemMatch)
                {
                    case TokenSystemMatch.None:
                        sql.Append(token.Code is null ? string.Empty : " AND ").Append(s).Append(".system IS NULL");
                        break;
                    case TokenSystemMatch.Equals:
                        sql.Append(token.Code is null ? string.Empty : " AND ").Append(s).Append(".system = ").Append(Text(token.System));
                        break;
                    case TokenSystemMatch.Any when token.Code is null:
                        throw new ArgumentException("A token value needs a code or a system.");
                }

                sql.Append(')');
                break;

            case DatePredicate date:
                AppendDate(sql, s, date);
                break;

            case NumberPredicate number:
                AppendNumber(sql, s, number);
                break;

            case ReferencePredicate reference:
                AppendReference(sql, s, reference);
                break;

            case UriPredicate uri:
                AppendPrefixOrEqual(sql, s + ".uri", uri.Value, uri.Below);
                break;

            default:
                throw new ArgumentException($"Unknown predicate {predicate.GetType().Name} for {kind}.");
        }
    }

    private void AppendString(StringBuilder sql, string s, StringPredicate text)
    {
        switch (text.Match)
        {
            case StringMatch.Exact:
                sql.Append('(').Append(s).Append(".text_exact = ").Append(Text(text.Value));
                if (text.Normalized is not null)
                {
                    sql.Append(" AND ").Append(s).Append(".text_norm = ").Append(Text(text.Normalized));
                }

                sql.Append(')');
                break;
            case StringMatch.Contains:
                sql.Append(s).Append(".text_norm LIKE ").Append(Text("%" + EscapeLike(text.Value) + "%")).Append(" ESCAPE '\\'");
                break;
            default:
                AppendPrefixOrEqual(sql, s + ".text_norm", text.Value, below: true);
                break;
        }
    }

    /// <summary>
    /// Equality, or a prefix match as a range (<c>column &gt;= 'abc' AND column &lt; 'abd'</c>) that an index serves on
    /// both databases (code-point order: SQLite's default, PostgreSQL's "C" collation on these columns).
    /// </summary>
    private void AppendPrefixOrEqual(StringBuilder sql, string column, string value, bool below)
    {
        if (!below)
        {
            sql.Append(column).Append(" = ").Append(Text(value));
            return;
        }

        if (value.Length == 0)
        {
            sql.Append(column).Append(" IS NOT NULL");
            return;
        }

        var last = value[^1];
        if (char.IsSurrogate(last) || last == char.MaxValue)
        {
            sql.Append("substr(").Append(column).Append(", 1, ").Append(value.Length).Append(") = ").Append(Text(value));
            return;
        }

        var upper = string.Concat(value.AsSpan(0, value.Length - 1), ((char)(last + 1)).ToString());
        sql.Append('(').Append(column).Append(" >= ").Append(Text(value)).Append(" AND ").Append(column).Append(" < ").Append(Text(upper)).Append(')');
    }

    private static string EscapeLike(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    // https://hl7.org/fhir/R4/search.html#prefix: each prefix compares the search range [lo, hi] with the row's
    // range [date_low, date_high].
    private void AppendDate(StringBuilder sql, string s, DatePredicate date)
    {
        var low = s + ".date_low";
        var high = s + ".date_high";
        var lo = Timestamp(date.Low);
        var hi = Timestamp(date.High);
        sql.Append(date.Comparator switch
        {
            Comparator.Eq => $"({low} >= {lo} AND {high} <= {hi})",
            Comparator.Ne => $"NOT ({low} >= {lo} AND {high} <= {hi})",
            Comparator.Gt => $"{high} > {hi}",
            Comparator.Lt => $"{low} < {lo}",
            Comparator.Ge => $"({high} > {hi} OR ({low} >= {lo} AND {high} <= {hi}))",
            Comparator.Le => $"({low} < {lo} OR ({low} >= {lo} AND {high} <= {hi}))",
            Comparator.Sa => $"{low} > {hi}",
            Comparator.Eb => $"{high} < {lo}",
            _ => $"({low} <= {hi} AND {high} >= {lo})",
        });
    }

    // The same prefixes for a point in time (the row's range is a single instant).
    private void AppendPointInTime(StringBuilder sql, string column, DatePredicate date)
    {
        var lo = Timestamp(date.Low);
        var hi = Timestamp(date.High);
        sql.Append(date.Comparator switch
        {
            Comparator.Eq or Comparator.Ap => $"({column} >= {lo} AND {column} <= {hi})",
            Comparator.Ne => $"NOT ({column} >= {lo} AND {column} <= {hi})",
            Comparator.Gt or Comparator.Sa => $"{column} > {hi}",
            Comparator.Lt or Comparator.Eb => $"{column} < {lo}",
            Comparator.Ge => $"{column} >= {lo}",
            _ => $"{column} <= {hi}",
        });
    }

    // https://hl7.org/fhir/R4/search.html#number: eq and ne use the range the value's precision implies; the other
    // prefixes the value itself. A row holds [num_value, num_high] (equal for a single value).
    private void AppendNumber(StringBuilder sql, string s, NumberPredicate number)
    {
        var low = s + ".num_value";
        var high = s + ".num_high";
        sql.Append('(');
        switch (number.Comparator)
        {
            case Comparator.Eq or Comparator.Ne or Comparator.Ap:
            {
                var lo = Decimal(number.Low);
                var hi = Decimal(number.High);
                sql.Append(number.Comparator switch
                {
                    Comparator.Eq => $"({low} >= {lo} AND {high} < {hi})",
                    Comparator.Ne => $"NOT ({low} >= {lo} AND {high} < {hi})",
                    _ => $"({low} <= {hi} AND {high} >= {lo})",
                });
                break;
            }

            default:
            {
                var v = Decimal(number.Value);
                sql.Append(number.Comparator switch
                {
                    Comparator.Gt => $"{high} > {v}",
                    Comparator.Ge => $"{high} >= {v}",
                    Comparator.Lt => $"{low} < {v}",
                    Comparator.Le => $"{low} <= {v}",
                    Comparator.Sa => $"{low} > {v}",
                    _ => $"{high} < {v}",
                });
                break;
            }
        }

        if (number.Code is not null)
        {
            sql.Append(" AND ").Append(s).Append(".code = ").Append(Text(number.Code));
        }

        if (number.System is not null)
        {
            sql.Append(" AND ").Append(s).Append(".system = ").Append(Text(number.System));
        }

        sql.Append(')');
    }

    private void AppendReference(StringBuilder sql, string s, ReferencePredicate reference)
    {
        if (reference.Id is null && reference.Url is null)
        {
            throw new ArgumentException("A reference value needs an id or a URL.");
        }

        sql.Append('(');
        if (reference.Id is not null)
        {
            sql.Append('(').Append(s).Append(".ref_id = ").Append(Text(reference.Id));
            if (reference.Type is not null)
            {
                sql.Append(" AND ").Append(s).Append(".ref_type = ").Append(Text(reference.Type));
            }

            sql.Append(')');
        }

        if (reference.Url is not null)
        {
            sql.Append(reference.Id is null ? string.Empty : " OR ").Append(s).Append(".ref_url = ").Append(Text(reference.Url));
        }

        sql.Append(')');
    }
}
