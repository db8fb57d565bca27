using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace FhirGateway.Testing;

/// <summary>
/// A fact of a suite that runs on each database: written once in a base class, inherited by one test class per
/// database. Whether it can run is decided per class (by <see cref="DatabaseFactDiscoverer"/>): in a class marked
/// <see cref="RequiresPostgresAttribute"/> it is skipped like a <see cref="PostgresFactAttribute"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
[XunitTestCaseDiscoverer("FhirGateway.Testing.DatabaseFactDiscoverer", "FhirGateway.Testing")]
public sealed class DatabaseFactAttribute : FactAttribute;

/// <summary>Marks a test class whose <see cref="DatabaseFactAttribute"/> tests run on PostgreSQL.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RequiresPostgresAttribute : Attribute;

/// <summary>Discovers <see cref="DatabaseFactAttribute"/> tests, skipping them in PostgreSQL classes when PostgreSQL is not available.</summary>
public sealed class DatabaseFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    private readonly FactDiscoverer _facts = new(diagnosticMessageSink);

    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        ArgumentNullException.ThrowIfNull(testMethod);
        if (testMethod.TestClass.Class.GetCustomAttributes(typeof(RequiresPostgresAttribute)).Any() && PostgresEnvironment.SkipReason is { } reason)
        {
            return
            [
                new XunitSkippedDataRowTestCase(
                    diagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, reason),
            ];
        }

        return _facts.Discover(discoveryOptions, testMethod, factAttribute);
    }
}
