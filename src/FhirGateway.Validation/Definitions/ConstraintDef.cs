using FhirGateway.FhirPath;

namespace FhirGateway.Validation.Definitions;

/// <summary>
/// One invariant (ElementDefinition.constraint). The expression is compiled once, on first use, and the compiled
/// form is shared by every validation. Invariants the validator evaluates natively (<see cref="NativeInvariant"/>)
/// are never compiled.
/// </summary>
internal sealed class ConstraintDef
{
    private FhirPathExpression? _compiled;
    private string? _compileError;

    public ConstraintDef(string key, bool isError, string human, string? expression, string? source)
    {
        Key = key;
        IsError = isError;
        Human = human;
        Expression = expression;
        Source = source;
        Native = NativeInvariants.Recognise(key, expression);
    }

    /// <summary>The constraint's key (<c>per-1</c>).</summary>
    public string Key { get; }

    /// <summary>Whether a failure is an error (severity error) rather than a warning.</summary>
    public bool IsError { get; }

    /// <summary>The human description.</summary>
    public string Human { get; }

    /// <summary>The FHIRPath expression; null when the definition gives none (nothing is then checked).</summary>
    public string? Expression { get; }

    /// <summary>The StructureDefinition the constraint comes from.</summary>
    public string? Source { get; }

    /// <summary>Which native implementation replaces the expression, if any.</summary>
    public NativeInvariant Native { get; }

    /// <summary>The compiled expression, or null with <paramref name="error"/> set when it does not compile.</summary>
    public FhirPathExpression? Compiled(out string? error)
    {
        if (_compiled is null && _compileError is null && Expression is not null)
        {
            try
            {
                _compiled = FhirPathCompiler.Default.Compile(Expression);
            }
            catch (FhirPathException e)
            {
                _compileError = e.Message;
            }
        }

        error = _compileError;
        return _compiled;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Key}: {Expression}";
}
