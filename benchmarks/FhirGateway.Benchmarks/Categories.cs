namespace FhirGateway.Benchmarks;

/// <summary>The benchmark categories; each has one baseline measured in the same run.</summary>
internal static class Categories
{
    public const string JsonParse = "JsonParse";
    public const string JsonSerialize = "JsonSerialize";
    public const string XmlParse = "XmlParse";
    public const string XmlSerialize = "XmlSerialize";
}
