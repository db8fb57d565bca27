using Xunit.Abstractions;
using Xunit.Sdk;

namespace FhirGateway.FhirPath.Tests.Conformance;

/// <summary>
/// A theory over suite case names whose rows listed in <see cref="KnownDeviations"/> are reported as skipped
/// with their reason, so every known deviation shows up in the test results by name.
/// </summary>
[XunitTestCaseDiscoverer("FhirGateway.FhirPath.Tests.Conformance.SuiteTheoryDiscoverer", "FhirGateway.FhirPath.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class SuiteTheoryAttribute : TheoryAttribute;

/// <summary>Skips the rows of <see cref="SuiteTheoryAttribute"/> theories that are known deviations.</summary>
public sealed class SuiteTheoryDiscoverer(IMessageSink diagnosticMessageSink) : TheoryDiscoverer(diagnosticMessageSink)
{
    /// <inheritdoc />
    protected override IEnumerable<IXunitTestCase> CreateTestCasesForDataRow(
        ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute, object[] dataRow)
    {
        if (dataRow is [string name, ..] && KnownDeviations.Cases.TryGetValue(name, out var deviation))
        {
            return CreateTestCasesForSkippedDataRow(discoveryOptions, testMethod, theoryAttribute, dataRow, $"{deviation.Kind}: {deviation.Reason}");
        }

        return base.CreateTestCasesForDataRow(discoveryOptions, testMethod, theoryAttribute, dataRow);
    }
}
