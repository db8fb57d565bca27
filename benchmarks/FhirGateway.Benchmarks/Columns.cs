using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace FhirGateway.Benchmarks;

/// <summary>A column computed from the bytes one operation of the benchmark's category processes (<see cref="ReferenceBytes"/>).</summary>
internal abstract class ReferenceBytesColumn(string id, string name, string legend) : IColumn
{
    public string Id => id;

    public string ColumnName => name;

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => legend;

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var bytes = benchmarkCase.Descriptor.Categories.Select(ReferenceBytes.For).FirstOrDefault(b => b is not null);
        var report = summary[benchmarkCase];
        if (bytes is null || report?.ResultStatistics is null)
        {
            return "-";
        }

        return Compute(bytes.Value, report) is { } value ? value.ToString("N2", CultureInfo.InvariantCulture) : "-";
    }

    protected abstract double? Compute(long bytes, BenchmarkReport report);
}

/// <summary>Throughput in MB (10^6 bytes) per second of the category's reference bytes.</summary>
internal sealed class ThroughputColumn() : ReferenceBytesColumn(
    "FhirGateway.Throughput",
    "MB/s",
    "Reference bytes of the category (parse: input documents; serialize: bytes written) per second, in 10^6 bytes, from the median")
{
    protected override double? Compute(long bytes, BenchmarkReport report) => bytes / report.ResultStatistics!.Median * 1e9 / 1e6;
}

/// <summary>Bytes allocated per reference byte.</summary>
internal sealed class AllocatedPerByteColumn() : ReferenceBytesColumn(
    "FhirGateway.AllocatedPerByte",
    "Alloc/byte",
    "Allocated bytes per reference byte of the category (parse: per input byte; serialize: per byte written)")
{
    protected override double? Compute(long bytes, BenchmarkReport report) =>
        report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) is { } allocated ? (double)allocated / bytes : null;
}

/// <summary>The reference bytes of the category, in MB (10^6 bytes).</summary>
internal sealed class ReferenceSizeColumn() : ReferenceBytesColumn(
    "FhirGateway.ReferenceSize",
    "Ref. MB",
    "Reference bytes of the category per operation, in 10^6 bytes")
{
    protected override double? Compute(long bytes, BenchmarkReport report) => bytes / 1e6;
}

/// <summary>
/// Throughput as a share of the category's baseline, from medians (robust to the occasional slow iteration on
/// a shared machine): baseline median time / this median time. The goals in docs/benchmarks.md are read here.
/// </summary>
internal sealed class ShareOfBaselineColumn : IColumn
{
    public string Id => "FhirGateway.ShareOfBaseline";

    public string ColumnName => "Speed vs base";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 1;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Throughput as a share of the category baseline's: baseline median / this median";

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var baseline = summary.GetBaseline(summary.GetLogicalGroupKey(benchmarkCase));
        var mine = summary[benchmarkCase]?.ResultStatistics;
        var theirs = baseline is null ? null : summary[baseline]?.ResultStatistics;
        return mine is null || theirs is null ? "-" : (theirs.Median / mine.Median).ToString("P1", CultureInfo.InvariantCulture);
    }
}
