using FhirGateway.Fhir.Model;
using FhirGateway.FhirPath.Ast;
using FhirGateway.FhirPath.Evaluation;

namespace FhirGateway.FhirPath;

/// <summary>
/// A compiled FHIRPath expression (https://hl7.org/fhirpath/N1/), immutable and safe to evaluate from many
/// threads. Results are collections of <see cref="ElementNode"/> (elements of the input) and system values:
/// <see cref="bool"/>, <see cref="long"/> (Integer), <see cref="decimal"/>, <see cref="string"/>,
/// <see cref="Values.PartialDate"/>, <see cref="Values.PartialDateTime"/>, <see cref="Values.PartialTime"/>,
/// <see cref="Values.Quantity"/> and <see cref="Values.FhirPathTypeInfo"/>.
/// </summary>
public sealed class FhirPathExpression
{
    private readonly Node _root;

    internal FhirPathExpression(string expression, Node root)
    {
        Expression = expression;
        _root = root;
    }

    /// <summary>The expression text.</summary>
    public string Expression { get; }

    /// <summary>Compiles an expression with the shared, cached <see cref="FhirPathCompiler.Default"/>.</summary>
    /// <exception cref="FhirPathSyntaxException">The text is not valid FHIRPath; the exception gives the position.</exception>
    /// <exception cref="FhirPathSemanticException">An unknown function or a wrong number of arguments.</exception>
    public static FhirPathExpression Parse(string expression) => FhirPathCompiler.Default.Compile(expression);

    /// <summary>Evaluates against a resource or element (the focus, also <c>%context</c>).</summary>
    /// <exception cref="FhirPathEvaluationException">Evaluation signalled an error.</exception>
    public IReadOnlyList<object> Evaluate(ElementNode? focus, EvaluationContext? context = null)
    {
        var output = new List<object>();
        Evaluate(focus, context, output);
        return output;
    }

    /// <summary>Evaluates against a collection of items.</summary>
    public IReadOnlyList<object> Evaluate(IEnumerable<object> focus, EvaluationContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(focus);
        var output = new List<object>();
        var state = EvalState.Acquire(context);
        try
        {
            state.SetInput(focus);
            Run(state, output);
        }
        finally
        {
            EvalState.Release(state);
        }

        return output;
    }

    /// <summary>Evaluates and appends the result to <paramref name="output"/> (nothing else is allocated for the result).</summary>
    public void Evaluate(ElementNode? focus, EvaluationContext? context, List<object> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var state = EvalState.Acquire(context);
        try
        {
            state.SetInput(focus);
            Run(state, output);
        }
        finally
        {
            EvalState.Release(state);
        }
    }

    /// <summary>
    /// Evaluates as a condition (an invariant, a filter): the result must be empty, or a single item, which counts
    /// as its value when it is a Boolean and as true otherwise (https://hl7.org/fhirpath/N1/#singleton-evaluation-of-collections).
    /// Empty is false.
    /// </summary>
    /// <exception cref="FhirPathEvaluationException">Evaluation failed, or the result has more than one item.</exception>
    public bool Predicate(ElementNode? focus, EvaluationContext? context = null)
    {
        var state = EvalState.Acquire(context);
        var output = state.RentList();
        try
        {
            state.SetInput(focus);
            Run(state, output);
            return Singleton.ToBoolean(output, 0) == true;
        }
        finally
        {
            state.Return(output);
            EvalState.Release(state);
        }
    }

    /// <summary>Evaluates and returns the single result item, or null when the result is empty.</summary>
    /// <exception cref="FhirPathEvaluationException">Evaluation failed, or the result has more than one item.</exception>
    public object? Scalar(ElementNode? focus, EvaluationContext? context = null)
    {
        var state = EvalState.Acquire(context);
        var output = state.RentList();
        try
        {
            state.SetInput(focus);
            Run(state, output);
            return Singleton.Item(output, "The expression", 0);
        }
        finally
        {
            state.Return(output);
            EvalState.Release(state);
        }
    }

    /// <summary>
    /// Whether a result counts as true under the singleton evaluation rules: empty is false, a single Boolean is
    /// its value, any other single item is true, and more than one item is an error.
    /// </summary>
    public static bool IsTrue(IReadOnlyList<object> result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Count switch
        {
            0 => false,
            1 => result[0] switch
            {
                bool b => b,
                ElementNode { Type.SystemType: "Boolean" } n => n.Value == "true",
                _ => true,
            },
            _ => throw new FhirPathEvaluationException($"Expected a single Boolean, but the result has {result.Count} items"),
        };
    }

    /// <inheritdoc />
    public override string ToString() => Expression;

    private void Run(EvalState state, List<object> output)
    {
        var scope = state.TopScope();
        try
        {
            _root.Evaluate(scope, output);
        }
        finally
        {
            state.ReturnScope(scope);
        }
    }
}
