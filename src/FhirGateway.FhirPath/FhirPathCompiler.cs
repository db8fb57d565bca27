using System.Collections.Concurrent;
using FhirGateway.FhirPath.Parsing;
using FhirGateway.FhirPath.Typing;

namespace FhirGateway.FhirPath;

/// <summary>
/// Compiles FHIRPath expressions once and caches them: the same text (and context type) gives the same
/// <see cref="FhirPathExpression"/>. Thread-safe; compiled expressions are immutable and can be evaluated
/// concurrently.
/// </summary>
public sealed class FhirPathCompiler
{
    private readonly ConcurrentDictionary<(string Expression, string? ContextType), FhirPathExpression> _cache = new();
    private readonly int _capacity;

    /// <summary>Creates a compiler.</summary>
    /// <param name="options">The compile options; <see cref="FhirPathCompileOptions.Default"/> when null.</param>
    /// <param name="capacity">How many compiled expressions the cache keeps before it starts over.</param>
    public FhirPathCompiler(FhirPathCompileOptions? options = null, int capacity = 4096)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        Options = options ?? FhirPathCompileOptions.Default;
        _capacity = capacity;
    }

    /// <summary>The shared compiler with the default options.</summary>
    public static FhirPathCompiler Default { get; } = new();

    /// <summary>The options this compiler uses.</summary>
    public FhirPathCompileOptions Options { get; }

    /// <summary>How many compiled expressions are cached.</summary>
    public int CachedCount => _cache.Count;

    /// <summary>
    /// Compiles an expression, or returns the cached compilation. With <paramref name="contextType"/> (a type name
    /// such as <c>Patient</c>) the expression is checked against the model when <see cref="FhirPathCompileOptions.Strict"/>
    /// or <see cref="FhirPathCompileOptions.CheckOrderedFunctions"/> is set.
    /// </summary>
    /// <exception cref="FhirPathSyntaxException">The text is not valid FHIRPath.</exception>
    /// <exception cref="FhirPathSemanticException">An unknown function, wrong arguments, or a failed strict check.</exception>
    public FhirPathExpression Compile(string expression, string? contextType = null)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var key = (expression, contextType);
        if (_cache.TryGetValue(key, out var compiled))
        {
            return compiled;
        }

        compiled = CompileUncached(expression, contextType);
        if (_cache.Count >= _capacity)
        {
            _cache.Clear();
        }

        return _cache.GetOrAdd(key, compiled);
    }

    private FhirPathExpression CompileUncached(string expression, string? contextType)
    {
        var root = Parser.Parse(expression, lenient: !Options.Strict);
        if (contextType is not null && (Options.Strict || Options.CheckOrderedFunctions))
        {
            var type = Options.Model.FindType(contextType) ?? throw new FhirPathSemanticException($"Unknown context type '{contextType}'");
            StaticChecker.Check(root, type, Options);
        }

        return new FhirPathExpression(expression, root);
    }
}
