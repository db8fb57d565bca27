using System.Data;
using System.Data.Common;
using System.Globalization;

namespace FhirGateway.Storage.Relational;

/// <summary>Typed parameters: every parameter gets a DbType, so PostgreSQL never has to guess the type of a null.</summary>
internal static class DbCommandParameters
{
    public static DbCommand With(this DbCommand command, string name, object? value, DbType type)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return command;
    }

    public static DbCommand WithText(this DbCommand command, string name, string? value) => command.With(name, value, DbType.String);

    public static DbCommand WithInt64(this DbCommand command, string name, long value) => command.With(name, value, DbType.Int64);

    public static DbCommand WithInt32(this DbCommand command, string name, int value) => command.With(name, value, DbType.Int32);

    public static DbCommand WithTimestamp(this DbCommand command, RelationalProvider provider, string name, DateTimeOffset? value)
    {
        provider.AddTimestamp(command, name, value);
        return command;
    }

    /// <summary>Adds <c>@{prefix}0..n</c> text parameters and returns the list for an <c>IN (...)</c>.</summary>
    public static string WithTextList(this DbCommand command, string prefix, IReadOnlyList<string> values)
    {
        var names = new string[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            names[i] = "@" + prefix + i.ToString(CultureInfo.InvariantCulture);
            command.WithText(names[i], values[i]);
        }

        return string.Join(", ", names);
    }
}
