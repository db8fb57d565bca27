using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace FhirGateway.Benchmarks;

/// <summary>
/// One configuration for every benchmark: a short fixed job (each operation walks the whole corpus, so a few
/// iterations suffice and a full run stays practical on two cores) with the gateway host's garbage collector,
/// the per-category ratio to the baseline (BenchmarkDotNet's Ratio from means, and a share of the baseline's
/// throughput from medians), and the throughput and allocation columns.
/// </summary>
public sealed class BenchmarkConfig : ManualConfig
{
    public BenchmarkConfig()
    {
        // Server GC, as the gateway host runs: FhirGateway.Api uses the Web SDK, whose default is Server GC
        // (System.GC.Server in its runtimeconfig.json); concurrent collection stays on, the default of both.
        AddJob(Job.Default.WithWarmupCount(3).WithIterationCount(15).WithGcServer(true).WithId("Corpus"));
        AddColumn(CategoriesColumn.Default, StatisticColumn.Median, new ShareOfBaselineColumn(), new ReferenceSizeColumn(), new ThroughputColumn(), new AllocatedPerByteColumn());
        AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory);
    }
}
