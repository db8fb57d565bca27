using Xunit.Abstractions;
using Xunit.Sdk;

namespace FhirGateway.Search.Tests.Support;

/// <summary>
/// A fact of the end-to-end suite, inherited by each database's test class; in a class marked
/// <see cref="RequiresPostgresAttribute"/> it is skipped like the storage tests' PostgreSQL facts.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
[XunitTestCaseDiscoverer("FhirGateway.Search.Tests.Support.SearchFactDiscoverer", "FhirGateway.Search.Tests")]
public sealed class SearchFactAttribute : FactAttribute;

/// <summary>Marks a test class whose <see cref="SearchFactAttribute"/> tests need PostgreSQL.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RequiresPostgresAttribute : Attribute;

/// <summary>Discovers <see cref="SearchFactAttribute"/> tests, skipping them in PostgreSQL classes when PostgreSQL is not available.</summary>
public sealed class SearchFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
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
