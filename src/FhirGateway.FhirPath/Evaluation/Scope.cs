namespace FhirGateway.FhirPath.Evaluation;

/// <summary>
/// What the terms of an expression see: the focus (<c>$this</c>, the collection a leading path name is
/// resolved against) and, inside the argument of an iterating function, <c>$index</c> and <c>$total</c>
/// (https://hl7.org/fhirpath/N1/#functions). Scopes are pooled by <see cref="EvalState"/>.
/// </summary>
internal sealed class Scope
{
    public EvalState State { get; set; } = null!;

    /// <summary>The focus: the whole input at the top level, the current item inside an iteration.</summary>
    public List<object> Focus { get; set; } = null!;

    public long Index { get; set; }

    /// <summary>The aggregate total; null outside <c>aggregate()</c>.</summary>
    public List<object>? Total { get; set; }
}
