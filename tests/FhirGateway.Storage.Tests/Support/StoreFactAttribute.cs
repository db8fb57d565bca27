using Xunit.Sdk;

namespace FhirGateway.Storage.Tests.Support;

/// <summary>
/// A fact of a contract suite that runs against several stores. It is inherited by each store's test class, so
/// whether it can run is decided per class (by <see cref="StoreFactDiscoverer"/>): in a class marked
/// <see cref="RequiresPostgresAttribute"/> it is skipped like a <see cref="PostgresFactAttribute"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
[XunitTestCaseDiscoverer("FhirGateway.Storage.Tests.Support.StoreFactDiscoverer", "FhirGateway.Storage.Tests")]
public sealed class StoreFactAttribute : FactAttribute;
