using FhirGateway.FhirPath.Evaluation;

namespace FhirGateway.FhirPath.Ast;

/// <summary>A binary operator with its two operands.</summary>
internal sealed class BinaryNode : Node
{
    public BinaryNode(BinaryOperator op, Node left, Node right, int position)
        : base(position, left, right)
    {
        Operator = op;
        Left = left;
        Right = right;
    }

    public BinaryOperator Operator { get; }

    public Node Left { get; }

    public Node Right { get; }

    public override void Evaluate(Scope scope, List<object> output)
    {
        switch (Operator)
        {
            case BinaryOperator.And:
            case BinaryOperator.Or:
            case BinaryOperator.Xor:
            case BinaryOperator.Implies:
                EvaluateLogic(scope, output);
                return;
            case BinaryOperator.Union:
                EvaluateUnion(scope, output);
                return;
        }

        var left = Left.EvaluateToList(scope);
        var right = Right.EvaluateToList(scope);
        try
        {
            var result = Operator switch
            {
                BinaryOperator.Equal => Bool(Equality.CollectionsEqual(left, right)),
                BinaryOperator.NotEqual => Bool(!Equality.CollectionsEqual(left, right)),
                BinaryOperator.Equivalent => Boxes.Bool(Equality.CollectionsEquivalent(left, right)),
                BinaryOperator.NotEquivalent => Boxes.Bool(!Equality.CollectionsEquivalent(left, right)),
                BinaryOperator.In => Membership(left, right, "in"),
                BinaryOperator.Contains => Membership(right, left, "contains"),
                BinaryOperator.Concatenate => Concatenate(left, right),
                _ => Scalar(left, right),
            };

            if (result is not null)
            {
                output.Add(result);
            }
        }
        finally
        {
            scope.State.Return(left);
            scope.State.Return(right);
        }
    }

    private static object? Bool(bool? value) => value is null ? null : Boxes.Bool(value.Value);

    private object? Scalar(List<object> left, List<object> right)
    {
        var a = Singleton.Item(left, OperatorText, Position);
        var b = Singleton.Item(right, OperatorText, Position);
        if (a is null || b is null)
        {
            return null;
        }

        return Operator switch
        {
            BinaryOperator.Multiply => Arithmetic.Multiply(a, b, Position),
            BinaryOperator.Divide => Arithmetic.Divide(a, b, Position),
            BinaryOperator.Div => Arithmetic.Div(a, b, Position),
            BinaryOperator.Mod => Arithmetic.Mod(a, b, Position),
            BinaryOperator.Add => Arithmetic.Add(a, b, Position),
            BinaryOperator.Subtract => Arithmetic.Subtract(a, b, Position),
            BinaryOperator.LessThan => Compare(a, b, c => c < 0),
            BinaryOperator.LessOrEqual => Compare(a, b, c => c <= 0),
            BinaryOperator.GreaterThan => Compare(a, b, c => c > 0),
            BinaryOperator.GreaterOrEqual => Compare(a, b, c => c >= 0),
            _ => throw new InvalidOperationException(Operator.ToString()),
        };
    }

    private object? Compare(object a, object b, Func<int, bool> test)
    {
        var c = Ordering.Compare(a, b, Position);
        return c is null ? null : Boxes.Bool(test(c.Value));
    }

    // https://hl7.org/fhirpath/N1/#in-membership: empty item gives empty, an empty collection gives false.
    private object? Membership(List<object> items, List<object> collection, string what)
    {
        var item = Singleton.Item(items, what, Position);
        return item is null ? null : Boxes.Bool(Equality.ContainsEqual(collection, item));
    }

    // https://hl7.org/fhirpath/N1/#-string-concatenation: an empty operand counts as ''.
    private string Concatenate(List<object> left, List<object> right) => Text(left) + Text(right);

    private string Text(List<object> items)
    {
        var item = Singleton.Item(items, "&", Position);
        if (item is null)
        {
            return string.Empty;
        }

        return SystemValue.TryString(item, out var s)
            ? s
            : throw new FhirPathEvaluationException($"Operator '&' needs strings, not {SystemValue.Describe(item)}", Position);
    }

    private void EvaluateUnion(Scope scope, List<object> output)
    {
        var start = output.Count;
        var left = Left.EvaluateToList(scope);
        var right = Right.EvaluateToList(scope);
        AddDistinct(left, output, start);
        AddDistinct(right, output, start);
        scope.State.Return(left);
        scope.State.Return(right);
    }

    /// <summary>Appends the items not already present (by <c>=</c>) after <paramref name="start"/>.</summary>
    public static void AddDistinct(List<object> items, List<object> output, int start) => DistinctItems.Append(items, output, start);

    // https://hl7.org/fhirpath/N1/#boolean-logic: three-valued logic over singleton Booleans.
    private void EvaluateLogic(Scope scope, List<object> output)
    {
        var left = Logic(Left, scope);
        bool? result;
        switch (Operator)
        {
            case BinaryOperator.And:
                if (left == false)
                {
                    result = false;
                    break;
                }

                var andRight = Logic(Right, scope);
                result = andRight == false ? false : left == true && andRight == true ? true : null;
                break;
            case BinaryOperator.Or:
                if (left == true)
                {
                    result = true;
                    break;
                }

                var orRight = Logic(Right, scope);
                result = orRight == true ? true : left == false && orRight == false ? false : null;
                break;
            case BinaryOperator.Xor:
                var xorRight = Logic(Right, scope);
                result = left is null || xorRight is null ? null : left != xorRight;
                break;
            default:
                if (left == false)
                {
                    result = true;
                    break;
                }

                var impliesRight = Logic(Right, scope);
                result = left == true ? impliesRight : impliesRight == true ? true : null;
                break;
        }

        if (result is not null)
        {
            output.Add(Boxes.Bool(result.Value));
        }
    }

    private static bool? Logic(Node node, Scope scope)
    {
        var items = node.EvaluateToList(scope);
        try
        {
            return Singleton.ToBoolean(items, node.Position);
        }
        finally
        {
            scope.State.Return(items);
        }
    }

    private string OperatorText => Operator switch
    {
        BinaryOperator.Multiply => "*",
        BinaryOperator.Divide => "/",
        BinaryOperator.Div => "div",
        BinaryOperator.Mod => "mod",
        BinaryOperator.Add => "+",
        BinaryOperator.Subtract => "-",
        BinaryOperator.LessThan => "<",
        BinaryOperator.LessOrEqual => "<=",
        BinaryOperator.GreaterThan => ">",
        BinaryOperator.GreaterOrEqual => ">=",
        _ => Operator.ToString(),
    };
}
