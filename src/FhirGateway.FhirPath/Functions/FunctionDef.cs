namespace FhirGateway.FhirPath.Functions;

/// <summary>A function of the library: its name, how many arguments it takes, its body and its traits.</summary>
internal sealed class FunctionDef
{
    public FunctionDef(string name, int minArgs, int maxArgs, FunctionBody body, ResultKind result, FunctionTraits traits = FunctionTraits.None)
    {
        Name = name;
        MinArgs = minArgs;
        MaxArgs = maxArgs;
        Body = body;
        Result = result;
        Traits = traits;
    }

    public string Name { get; }

    public int MinArgs { get; }

    public int MaxArgs { get; }

    public FunctionBody Body { get; }

    public ResultKind Result { get; }

    public FunctionTraits Traits { get; }

    public bool Has(FunctionTraits trait) => (Traits & trait) != 0;
}
