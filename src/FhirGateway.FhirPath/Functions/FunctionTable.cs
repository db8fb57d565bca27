using System.Collections.Frozen;

namespace FhirGateway.FhirPath.Functions;

/// <summary>The function library, by name.</summary>
internal sealed class FunctionTable
{
    private readonly Dictionary<string, FunctionDef> _functions = new(StringComparer.Ordinal);

    private FunctionTable()
    {
    }

    public static FrozenDictionary<string, FunctionDef> All { get; } = Build();

    public void Add(string name, int minArgs, int maxArgs, FunctionBody body, ResultKind result, FunctionTraits traits = FunctionTraits.None) =>
        _functions.Add(name, new FunctionDef(name, minArgs, maxArgs, body, result, traits));

    private static FrozenDictionary<string, FunctionDef> Build()
    {
        var t = new FunctionTable();
        ExistenceFunctions.Register(t);
        FilteringFunctions.Register(t);
        SubsettingFunctions.Register(t);
        ConversionFunctions.Register(t);
        StringFunctions.Register(t);
        EncodingFunctions.Register(t);
        MathFunctions.Register(t);
        TreeFunctions.Register(t);
        UtilityFunctions.Register(t);
        BoundaryFunctions.Register(t);
        FhirFunctions.Register(t);
        return t._functions.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
