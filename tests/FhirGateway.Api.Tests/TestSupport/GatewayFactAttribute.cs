using Xunit.Abstractions;
using Xunit.Sdk;

namespace FhirGateway.Api.Tests.TestSupport;

/// <summary>
/// A fact of a suite that runs on each database (a base class with one derived class per database). In a class
/// marked <see cref="RequiresPostgresAttribute"/> it is skipped without PostgreSQL, unless <c>CI=true</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
[XunitTestCaseDiscoverer("FhirGateway.Api.Tests.TestSupport.GatewayFactDiscoverer", "FhirGateway.Api.Tests")]
public sealed class GatewayFactAttribute : FactAttribute;

/// <summary>Marks a test class that runs its <see cref="GatewayFactAttribute"/> tests on PostgreSQL.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RequiresPostgresAttribute : Attribute;

/// <summary>Discovers <see cref="GatewayFactAttribute"/> tests, skipping them in PostgreSQL classes when PostgreSQL is not available.</summary>
public sealed class GatewayFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
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
