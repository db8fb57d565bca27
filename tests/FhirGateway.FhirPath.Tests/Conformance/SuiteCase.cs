namespace FhirGateway.FhirPath.Tests.Conformance;

/// <summary>One test of the official FHIRPath suite (schema: https://github.com/HL7/FHIRPath/blob/master/tests/testSchema.xsd).</summary>
internal sealed record SuiteCase(
    string Name,
    string Group,
    string Expression,
    string? InputFile,
    string? Invalid,
    bool Predicate,
    bool Strict,
    bool CheckOrderedFunctions,
    bool Ordered,
    IReadOnlyList<SuiteOutput> Outputs);

/// <summary>An expected output item: its type (absent for some 2.1 tests) and its text.</summary>
internal sealed record SuiteOutput(string? Type, string Value);
