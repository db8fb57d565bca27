using FhirGateway.Fhir.Definitions;
using FhirGateway.FhirPath.Ast;
using FhirGateway.FhirPath.Evaluation;
using FhirGateway.FhirPath.Functions;
using FhirGateway.FhirPath.Values;

namespace FhirGateway.FhirPath.Typing;

/// <summary>
/// The compile-time checks of strict evaluation (https://hl7.org/fhirpath/N1/#type-safety-and-strict-evaluation):
/// follows the types an expression yields from its context type through the model, and reports paths the model
/// does not have, a root type name that is not the context's, operands and function inputs of the wrong type, and
/// (with ordered checks) order-dependent functions on unordered collections. Where the type cannot be known
/// (resolve(), children(), variables) the checks stop rather than guess.
/// </summary>
internal sealed class StaticChecker
{
    private readonly FhirPathCompileOptions _options;
    private readonly TypeDefinition _context;

    private StaticChecker(TypeDefinition context, FhirPathCompileOptions options)
    {
        _context = context;
        _options = options;
    }

    private bool Strict => _options.Strict;

    public static void Check(Node root, TypeDefinition contextType, FhirPathCompileOptions options) =>
        new StaticChecker(contextType, options).Infer(root, StaticType.Of([contextType]));

    private static FhirPathSemanticException Error(string message, int position) => new(message, position);

    private StaticType Infer(Node node, StaticType focus) => node switch
    {
        LiteralNode l => LiteralType(l.Value),
        SpecialVariableNode s => s.Name switch
        {
            "this" => focus,
            "index" => StaticType.Of(SystemKinds.Integer),
            _ => StaticType.Unknown,
        },
        VariableNode v => v.Constant is not null ? StaticType.Of(SystemKinds.String) : StaticType.Unknown,
        MemberNode m => Member(m, m.Source is null ? focus : Infer(m.Source, focus)),
        IndexerNode i => Indexer(i, focus),
        UnaryNode u => Unary(u, focus),
        BinaryNode b => Binary(b, focus),
        TypeNode t => TypeOperation(t, focus),
        FunctionNode f => Function(f, focus),
        _ => StaticType.Unknown,
    };

    private static StaticType LiteralType(object? value) => value switch
    {
        null => StaticType.Empty,
        bool => StaticType.Of(SystemKinds.Boolean),
        long => StaticType.Of(SystemKinds.Integer),
        decimal => StaticType.Of(SystemKinds.Decimal),
        string => StaticType.Of(SystemKinds.String),
        PartialDate => StaticType.Of(SystemKinds.Date),
        PartialDateTime => StaticType.Of(SystemKinds.DateTime),
        PartialTime => StaticType.Of(SystemKinds.Time),
        Quantity => StaticType.Of(SystemKinds.Quantity),
        _ => StaticType.Unknown,
    };

    private StaticType Member(MemberNode node, StaticType input)
    {
        if (input.IsUnknown)
        {
            return input;
        }

        if (node.MayBeTypeName && _options.Model.FindType(node.Name) is { } named)
        {
            foreach (var t in input.Fhir)
            {
                if (named.IsAssignableFrom(t))
                {
                    return input;
                }
            }

            if (Strict && input.Fhir.Count > 0)
            {
                throw Error($"The expression is for {node.Name}, but the context is {input}", node.Position);
            }
        }

        var types = new List<TypeDefinition>();
        var unknown = false;
        foreach (var t in input.Fhir)
        {
            if (t.FindElement(node.Name) is not { } element)
            {
                continue;
            }

            if (element.IsResourceContainer)
            {
                unknown = true;
            }

            foreach (var et in element.Types)
            {
                if (!types.Contains(et))
                {
                    types.Add(et);
                }
            }
        }

        if (unknown)
        {
            return StaticType.Unknown.WithOrder(input.Unordered);
        }

        if (types.Count > 0)
        {
            return StaticType.Of(types).WithOrder(input.Unordered);
        }

        if ((input.System & SystemKinds.Quantity) != 0 && node.Name is "value" or "unit")
        {
            return StaticType.Of(node.Name == "value" ? SystemKinds.Decimal : SystemKinds.String);
        }

        if (Strict && input.Fhir.Count > 0 && input.System == SystemKinds.None)
        {
            throw Error($"{input} has no element '{node.Name}'", node.Position);
        }

        return StaticType.Unknown;
    }

    private StaticType Indexer(IndexerNode node, StaticType focus)
    {
        var source = Infer(node.Source, focus);
        Infer(node.Index, focus);
        CheckOrdered(source, "The indexer", node.Position);
        return source;
    }

    private void CheckOrdered(StaticType input, string what, int position)
    {
        if (_options.CheckOrderedFunctions && input.Unordered)
        {
            throw Error($"{what} depends on order, but its input has no defined order", position);
        }
    }

    private StaticType Unary(UnaryNode node, StaticType focus)
    {
        var operand = Infer(node.Operand, focus);
        if (Strict && !operand.IsUnknown && !operand.IsEmpty && !operand.MayBeComplex &&
            (operand.Primitives & (SystemKinds.Numbers | SystemKinds.Quantity)) == 0)
        {
            throw Error($"Unary {(node.Negate ? "minus" : "plus")} cannot be applied to {operand}", node.Position);
        }

        return operand;
    }

    private StaticType Binary(BinaryNode node, StaticType focus)
    {
        var left = Infer(node.Left, focus);
        var right = Infer(node.Right, focus);
        switch (node.Operator)
        {
            case BinaryOperator.Union:
                return left.Union(right);
            case BinaryOperator.Concatenate:
                return StaticType.Of(SystemKinds.String);
            case BinaryOperator.Add:
            case BinaryOperator.Subtract:
            case BinaryOperator.Multiply:
            case BinaryOperator.Divide:
            case BinaryOperator.Div:
            case BinaryOperator.Mod:
                return Arithmetic(node, left, right);
            case BinaryOperator.LessThan:
            case BinaryOperator.LessOrEqual:
            case BinaryOperator.GreaterThan:
            case BinaryOperator.GreaterOrEqual:
                if (Known(left) && Known(right) && !Comparable(left.Primitives, right.Primitives))
                {
                    throw Error($"{left} and {right} cannot be compared", node.Position);
                }

                return StaticType.Of(SystemKinds.Boolean);
            default:
                return StaticType.Of(SystemKinds.Boolean);
        }
    }

    /// <summary>Whether an operand's primitive types are all known (so a mismatch is certain).</summary>
    private bool Known(StaticType t) => Strict && !t.IsUnknown && !t.IsEmpty && !t.MayBeComplex;

    private static bool Comparable(SystemKinds a, SystemKinds b) =>
        ((a & SystemKinds.String) != 0 && (b & SystemKinds.String) != 0) ||
        ((a & (SystemKinds.Numbers | SystemKinds.Quantity)) != 0 && (b & (SystemKinds.Numbers | SystemKinds.Quantity)) != 0) ||
        ((a & (SystemKinds.Date | SystemKinds.DateTime)) != 0 && (b & (SystemKinds.Date | SystemKinds.DateTime)) != 0) ||
        ((a & SystemKinds.Time) != 0 && (b & SystemKinds.Time) != 0);

    private StaticType Arithmetic(BinaryNode node, StaticType left, StaticType right)
    {
        var a = left.Primitives;
        var b = right.Primitives;
        var numbers = (a & SystemKinds.Numbers) != 0 && (b & SystemKinds.Numbers) != 0;
        var quantities = (a & SystemKinds.Quantity) != 0 && (b & (SystemKinds.Quantity | SystemKinds.Numbers)) != 0;
        var allowed = node.Operator switch
        {
            BinaryOperator.Add => numbers || quantities || ((a & SystemKinds.String) != 0 && (b & SystemKinds.String) != 0) ||
                                  ((a & SystemKinds.Temporal) != 0 && (b & SystemKinds.Quantity) != 0),
            BinaryOperator.Subtract => numbers || quantities || ((a & SystemKinds.Temporal) != 0 && (b & SystemKinds.Quantity) != 0),
            BinaryOperator.Multiply or BinaryOperator.Divide => numbers || quantities || ((a & SystemKinds.Numbers) != 0 && (b & SystemKinds.Quantity) != 0),
            _ => numbers,
        };

        if (Known(left) && Known(right) && !allowed)
        {
            throw Error($"Operator cannot be applied to {left} and {right}", node.Position);
        }

        if (left.IsUnknown || right.IsUnknown)
        {
            return StaticType.Unknown;
        }

        if ((a & SystemKinds.Temporal) != 0)
        {
            return StaticType.Of(a & SystemKinds.Temporal);
        }

        if ((a & SystemKinds.String) != 0 && node.Operator == BinaryOperator.Add)
        {
            return StaticType.Of(SystemKinds.String);
        }

        if ((a | b).HasFlag(SystemKinds.Quantity))
        {
            return StaticType.Of(SystemKinds.Quantity);
        }

        return StaticType.Of(node.Operator == BinaryOperator.Divide ? SystemKinds.Decimal : (a | b) & SystemKinds.Numbers);
    }

    private StaticType TypeOperation(TypeNode node, StaticType focus)
    {
        var input = node.Source is null ? focus : Infer(node.Source, focus);
        var fhirType = node.Type.FhirType(_options.Model);
        if (Strict && fhirType is null && node.Type.SystemKind is null && node.Type.Qualifier != "System")
        {
            throw Error($"Unknown type '{node.Type}'", node.Position);
        }

        if (node.Operation == Ast.TypeOperation.Is)
        {
            return StaticType.Of(SystemKinds.Boolean);
        }

        if (fhirType is not null)
        {
            return StaticType.Of([fhirType]).WithOrder(input.Unordered);
        }

        return node.Type.SystemKind is { } kind && kind != SystemKind.None
            ? StaticType.Of(StaticType.ToKinds(kind)).WithOrder(input.Unordered)
            : StaticType.Unknown;
    }

    private StaticType Function(FunctionNode node, StaticType focus)
    {
        var function = node.Function;
        var input = node.Source is null ? focus : Infer(node.Source, focus);
        if (function.Has(FunctionTraits.NeedsOrderedInput))
        {
            CheckOrdered(input, function.Name + "()", node.Position);
        }

        if (Strict && function.Has(FunctionTraits.StringInput) && !input.IsUnknown && !input.IsEmpty &&
            (input.Primitives & SystemKinds.String) == 0)
        {
            throw Error($"{function.Name}() needs a String input, not {input}", node.Position);
        }

        var argFocus = function.Has(FunctionTraits.IteratesArguments) || (function.Name == "iif" && node.Source is not null)
            ? input.WithOrder(false)
            : focus;
        var args = new StaticType[node.Args.Length];
        for (var i = 0; i < args.Length; i++)
        {
            // A sort key written "-key" sorts descending; it is not a negation, so strings are fine there.
            var arg = function.Name == "sort" && node.Args[i] is UnaryNode { Negate: true } descending ? descending.Operand : node.Args[i];
            args[i] = Infer(arg, argFocus);
        }

        if (Strict && function.Name == "iif" && !args[0].IsUnknown && !args[0].IsEmpty && !args[0].MayBeComplex &&
            (args[0].Primitives & SystemKinds.Boolean) == 0)
        {
            throw Error($"The criterion of iif() must be a Boolean, not {args[0]}", node.Args[0].Position);
        }

        var result = function.Result switch
        {
            ResultKind.Input => input,
            ResultKind.Projection => args[0],
            ResultKind.Branches => args.Length > 2 ? args[1].Union(args[2]) : args[1],
            ResultKind.Extension => _options.Model.FindType("Extension") is { } extension ? StaticType.Of([extension]) : StaticType.Unknown,
            ResultKind.Boolean => StaticType.Of(SystemKinds.Boolean),
            ResultKind.Integer => StaticType.Of(SystemKinds.Integer),
            ResultKind.Decimal => StaticType.Of(SystemKinds.Decimal),
            ResultKind.String => StaticType.Of(SystemKinds.String),
            ResultKind.Date => StaticType.Of(SystemKinds.Date),
            ResultKind.DateTime => StaticType.Of(SystemKinds.DateTime),
            ResultKind.Time => StaticType.Of(SystemKinds.Time),
            ResultKind.Quantity => StaticType.Of(SystemKinds.Quantity),
            _ => StaticType.Unknown,
        };

        return result.WithOrder(function.Has(FunctionTraits.UnorderedResult) || (function.Result == ResultKind.Input && input.Unordered));
    }

    public override string ToString() => _context.Name;
}
