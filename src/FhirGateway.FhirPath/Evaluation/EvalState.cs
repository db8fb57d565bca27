using FhirGateway.Fhir.Model;
using FhirGateway.FhirPath.Values;

namespace FhirGateway.FhirPath.Evaluation;

/// <summary>
/// The state of one evaluation: the context, the resources behind the environment variables, and pools of
/// the lists and scopes the nodes use for intermediate results, so that evaluating an expression allocates
/// little beyond its result. One instance is cached per thread and reused; nested evaluations on the same
/// thread (a callback that evaluates) get their own.
/// </summary>
internal sealed class EvalState
{
    private const int MaxPooledCapacity = 4096;

    [ThreadStatic]
    private static EvalState? t_cached;

    private readonly Stack<List<object>> _lists = new();
    private readonly Stack<Scope> _scopes = new();
    private readonly List<object> _rootFocus = [];
    private Dictionary<ElementNode, ElementNode>? _parents;
    private DateTimeOffset? _now;

    public EvaluationContext Context { get; private set; } = EvaluationContext.Empty;

    /// <summary>The input of the evaluation: <c>%context</c>.</summary>
    public List<object> RootFocus => _rootFocus;

    public ElementNode? Resource { get; private set; }

    public ElementNode? RootResource { get; private set; }

    public static EvalState Acquire(EvaluationContext? context)
    {
        var state = t_cached ?? new EvalState();
        t_cached = null;
        state.Context = context ?? EvaluationContext.Empty;
        return state;
    }

    public static void Release(EvalState state)
    {
        state._rootFocus.Clear();
        state._parents = null;
        state._now = null;
        state.Resource = null;
        state.RootResource = null;
        state.Context = EvaluationContext.Empty;
        t_cached = state;
    }

    /// <summary>Sets the input and works out <c>%resource</c> and <c>%rootResource</c>.</summary>
    public void SetInput(ElementNode? focus)
    {
        if (focus is not null)
        {
            _rootFocus.Add(focus);
        }

        Resource = Context.Resource ?? (focus is { IsResource: true } ? focus : null);
        RootResource = Context.RootResource ?? Resource;
    }

    public void SetInput(IEnumerable<object> focus)
    {
        foreach (var item in focus)
        {
            _rootFocus.Add(item);
        }

        Resource = Context.Resource ?? (_rootFocus is [ElementNode { IsResource: true } single] ? single : null);
        RootResource = Context.RootResource ?? Resource;
    }

    public List<object> RentList() => _lists.Count > 0 ? _lists.Pop() : new List<object>(4);

    public void Return(List<object> list)
    {
        if (list.Capacity > MaxPooledCapacity)
        {
            return;
        }

        list.Clear();
        _lists.Push(list);
    }

    public Scope TopScope()
    {
        var scope = RentScope();
        scope.Focus = _rootFocus;
        return scope;
    }

    /// <summary>A scope for iterating: its focus is a pooled one-item list the caller fills per item.</summary>
    public Scope RentIterationScope(Scope outer)
    {
        var scope = RentScope();
        scope.Focus = RentList();
        scope.Total = outer.Total;
        return scope;
    }

    public void ReturnIterationScope(Scope scope)
    {
        Return(scope.Focus);
        ReturnScope(scope);
    }

    public Scope RentScope()
    {
        var scope = _scopes.Count > 0 ? _scopes.Pop() : new Scope();
        scope.State = this;
        scope.Index = 0;
        scope.Total = null;
        return scope;
    }

    public void ReturnScope(Scope scope)
    {
        scope.Focus = null!;
        scope.Total = null;
        _scopes.Push(scope);
    }

    /// <summary>The same instant for every call within one evaluation (https://hl7.org/fhirpath/N1/#current-date-and-time-functions).</summary>
    public DateTimeOffset Now => _now ??= Context.Clock?.Invoke() ?? DateTimeOffset.Now;

    public PartialDateTime NowValue => PartialDateTime.FromDateTimeOffset(Now);

    /// <summary>
    /// The parent of a node within the trees of the evaluation (the root resources), built on first use:
    /// ElementNode has no parent pointer, and only <c>resolve()</c> needs to walk up.
    /// </summary>
    public ElementNode? ParentOf(ElementNode node)
    {
        if (_parents is null)
        {
            _parents = new Dictionary<ElementNode, ElementNode>(ReferenceEqualityComparer.Instance);
            if (RootResource is not null)
            {
                IndexParents(RootResource);
            }

            if (Resource is not null && !_parents.ContainsKey(Resource) && !ReferenceEquals(Resource, RootResource))
            {
                IndexParents(Resource);
            }

            foreach (var item in _rootFocus)
            {
                if (item is ElementNode n && !_parents.ContainsKey(n) && !ReferenceEquals(n, RootResource) && !ReferenceEquals(n, Resource))
                {
                    IndexParents(n);
                }
            }
        }

        return _parents.GetValueOrDefault(node);
    }

    private void IndexParents(ElementNode root)
    {
        var stack = new Stack<ElementNode>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            foreach (var child in n.Children)
            {
                _parents![child] = n;
                stack.Push(child);
            }
        }
    }
}
