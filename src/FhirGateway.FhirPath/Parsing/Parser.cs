using FhirGateway.FhirPath.Ast;
using FhirGateway.FhirPath.Evaluation;
using FhirGateway.FhirPath.Functions;
using FhirGateway.FhirPath.Units;
using FhirGateway.FhirPath.Values;

namespace FhirGateway.FhirPath.Parsing;

/// <summary>
/// A recursive-descent, precedence-climbing parser for the grammar of https://hl7.org/fhirpath/N1/grammar.html,
/// with the operator precedence of https://hl7.org/fhirpath/N1/#operator-precedence (invocation and indexer,
/// unary, multiplicative, additive, is/as, union, relational, equality, membership, and, or/xor, implies).
/// Functions are bound to the library while parsing, so an unknown function or a wrong number of arguments is
/// reported before evaluation.
/// </summary>
internal sealed class Parser
{
    /// <summary>
    /// How deeply expressions may nest (parentheses, arguments, and chains of invocations and operators, which
    /// evaluate recursively): deeper input is refused rather than risking the stack.
    /// </summary>
    public const int MaxDepth = 256;

    private readonly List<Token> _tokens;

    /// <summary>Not strict: choice elements by typed name, and as() filtering collections as R4 content expects.</summary>
    private readonly bool _lenient;
    private int _pos;
    private int _depth;

    private Parser(List<Token> tokens, bool lenient)
    {
        _tokens = tokens;
        _lenient = lenient;
    }

    public static Node Parse(string text, bool lenient)
    {
        var parser = new Parser(Lexer.Tokenize(text), lenient);
        var node = parser.ParseExpression(1);
        if (parser.Current.Kind != TokenKind.End)
        {
            throw Syntax($"Unexpected '{parser.Current.Text}'", parser.Current.Position);
        }

        return node;
    }

    private Token Current => _tokens[_pos];

    private Token PeekNext => _tokens[Math.Min(_pos + 1, _tokens.Count - 1)];

    private static FhirPathSyntaxException Syntax(string message, int position) => new(message, position);

    private Token Expect(TokenKind kind, string what)
    {
        var t = Current;
        if (t.Kind != kind)
        {
            throw Syntax(t.Kind == TokenKind.End ? $"Expected {what} but the expression ended" : $"Expected {what} but found '{t.Text}'", t.Position);
        }

        _pos++;
        return t;
    }

    private Node ParseExpression(int minPrecedence)
    {
        if (++_depth > MaxDepth)
        {
            throw Syntax($"The expression nests more than {MaxDepth} levels deep", Current.Position);
        }

        try
        {
            return ParseBinary(minPrecedence);
        }
        finally
        {
            _depth--;
        }
    }

    private Node ParseBinary(int minPrecedence)
    {
        var left = ParseUnary();
        while (true)
        {
            var token = Current;
            var precedence = Infix(token, out var op, out var typeOperation);
            if (precedence == 0 || precedence < minPrecedence)
            {
                return left;
            }

            _pos++;
            if (typeOperation is not null)
            {
                left = new TypeNode(typeOperation.Value, left, ParseTypeSpecifier(), token.Position, asFiltersCollections: _lenient);
                continue;
            }

            var right = ParseExpression(precedence + 1);
            left = new BinaryNode(op, left, right, token.Position);
        }
    }

    private static int Infix(Token t, out BinaryOperator op, out TypeOperation? typeOperation)
    {
        typeOperation = null;
        op = default;
        switch (t.Kind)
        {
            case TokenKind.Star: op = BinaryOperator.Multiply; return 10;
            case TokenKind.Slash: op = BinaryOperator.Divide; return 10;
            case TokenKind.Plus: op = BinaryOperator.Add; return 9;
            case TokenKind.Minus: op = BinaryOperator.Subtract; return 9;
            case TokenKind.Ampersand: op = BinaryOperator.Concatenate; return 9;
            case TokenKind.Pipe: op = BinaryOperator.Union; return 7;
            case TokenKind.Less: op = BinaryOperator.LessThan; return 6;
            case TokenKind.LessOrEqual: op = BinaryOperator.LessOrEqual; return 6;
            case TokenKind.Greater: op = BinaryOperator.GreaterThan; return 6;
            case TokenKind.GreaterOrEqual: op = BinaryOperator.GreaterOrEqual; return 6;
            case TokenKind.Equal: op = BinaryOperator.Equal; return 5;
            case TokenKind.Tilde: op = BinaryOperator.Equivalent; return 5;
            case TokenKind.NotEqual: op = BinaryOperator.NotEqual; return 5;
            case TokenKind.NotTilde: op = BinaryOperator.NotEquivalent; return 5;
            case TokenKind.Identifier:
                switch (t.Text)
                {
                    case "div": op = BinaryOperator.Div; return 10;
                    case "mod": op = BinaryOperator.Mod; return 10;
                    case "is": typeOperation = TypeOperation.Is; return 8;
                    case "as": typeOperation = TypeOperation.As; return 8;
                    case "in": op = BinaryOperator.In; return 4;
                    case "contains": op = BinaryOperator.Contains; return 4;
                    case "and": op = BinaryOperator.And; return 3;
                    case "or": op = BinaryOperator.Or; return 2;
                    case "xor": op = BinaryOperator.Xor; return 2;
                    case "implies": op = BinaryOperator.Implies; return 1;
                }

                return 0;
            default:
                return 0;
        }
    }

    private Node ParseUnary()
    {
        var t = Current;
        if (t.Kind is TokenKind.Plus or TokenKind.Minus)
        {
            _pos++;
            if (++_depth > MaxDepth)
            {
                throw Syntax($"The expression nests more than {MaxDepth} levels deep", t.Position);
            }

            var operand = ParseUnary();
            _depth--;
            var negate = t.Kind == TokenKind.Minus;

            // A negative number literal is folded so that "-1" costs nothing at evaluation.
            if (negate && operand is LiteralNode { Value: long or decimal or Quantity } literal)
            {
                return new LiteralNode(Arithmetic.Negate(literal.Value, t.Position), t.Position);
            }

            return new UnaryNode(negate, operand, t.Position);
        }

        return ParsePostfix(ParseTerm());
    }

    private Node ParsePostfix(Node node)
    {
        while (true)
        {
            var t = Current;
            if (t.Kind == TokenKind.Dot)
            {
                _pos++;
                var name = Current;
                if (name.Kind is not (TokenKind.Identifier or TokenKind.DelimitedIdentifier))
                {
                    throw Syntax(name.Kind == TokenKind.End ? "Expected a name after '.' but the expression ended" : $"Expected a name after '.' but found '{name.Text}'", name.Position);
                }

                _pos++;
                node = name.Kind == TokenKind.Identifier && Current.Kind == TokenKind.OpenParen
                    ? ParseCall(node, name)
                    : new MemberNode(node, name.Text, _lenient, name.Position);
            }
            else if (t.Kind == TokenKind.OpenBracket)
            {
                _pos++;
                var index = ParseExpression(1);
                Expect(TokenKind.CloseBracket, "']'");
                node = new IndexerNode(node, index, t.Position);
            }
            else
            {
                return node;
            }
        }
    }

    private Node ParseTerm()
    {
        var t = Current;
        switch (t.Kind)
        {
            case TokenKind.Integer:
            case TokenKind.Decimal:
                _pos++;
                return ParseNumber(t);
            case TokenKind.String:
                _pos++;
                return new LiteralNode(t.Text, t.Position);
            case TokenKind.Date:
            case TokenKind.DateTime:
            case TokenKind.Time:
                _pos++;
                return new LiteralNode(t.Value, t.Position);
            case TokenKind.OpenBrace:
                _pos++;
                Expect(TokenKind.CloseBrace, "'}' (only the empty collection '{ }' can be written)");
                return new LiteralNode(null, t.Position);
            case TokenKind.OpenParen:
                _pos++;
                var inner = ParseExpression(1);
                Expect(TokenKind.CloseParen, "')'");
                return inner;
            case TokenKind.Special:
                _pos++;
                return new SpecialVariableNode(t.Text, t.Position);
            case TokenKind.External:
                _pos++;
                return new VariableNode(t.Text, t.Position);
            case TokenKind.DelimitedIdentifier:
                _pos++;
                return new MemberNode(null, t.Text, _lenient, t.Position);
            case TokenKind.Identifier:
                if (t.Text is "true" or "false")
                {
                    _pos++;
                    return new LiteralNode(Boxes.Bool(t.Text == "true"), t.Position);
                }

                if (t.Text is "and" or "or" or "xor" or "implies" or "div" or "mod")
                {
                    throw Syntax($"'{t.Text}' is an operator and cannot start a term", t.Position);
                }

                _pos++;
                return Current.Kind == TokenKind.OpenParen ? ParseCall(null, t) : new MemberNode(null, t.Text, _lenient, t.Position);
            case TokenKind.End:
                throw Syntax("Unexpected end of expression", t.Position);
            default:
                throw Syntax($"Unexpected '{t.Text}'", t.Position);
        }
    }

    // https://hl7.org/fhirpath/N1/#quantity: a number followed by a quoted UCUM unit or a calendar keyword.
    private LiteralNode ParseNumber(Token number)
    {
        var next = Current;
        var value = number.Value!;
        if (next.Kind == TokenKind.String)
        {
            _pos++;
            return new LiteralNode(new Quantity(Arithmetic.ToDecimal(value), next.Text), number.Position);
        }

        if (next.Kind == TokenKind.Identifier && CalendarUnits.FromKeyword(next.Text) != CalendarUnit.None)
        {
            _pos++;
            return new LiteralNode(new Quantity(Arithmetic.ToDecimal(value), next.Text, isCalendarKeyword: true), number.Position);
        }

        return new LiteralNode(value is long l ? Boxes.Integer(l) : value, number.Position);
    }

    private Node ParseCall(Node? source, Token name)
    {
        Expect(TokenKind.OpenParen, "'('");
        var args = new List<Node>();
        if (Current.Kind != TokenKind.CloseParen)
        {
            args.Add(ParseExpression(1));
            while (Current.Kind == TokenKind.Comma)
            {
                _pos++;
                args.Add(ParseExpression(1));
            }
        }

        Expect(TokenKind.CloseParen, "')' or ','");
        return BuildCall(source, name, args);
    }

    private Node BuildCall(Node? source, Token name, List<Node> args)
    {
        TypeOperation? typeOperation = name.Text switch
        {
            "is" => TypeOperation.Is,
            "as" => TypeOperation.As,
            "ofType" => TypeOperation.OfType,
            _ => null,
        };

        if (typeOperation is not null)
        {
            if (args.Count != 1)
            {
                throw new FhirPathSemanticException($"{name.Text}() takes one type argument", name.Position);
            }

            return new TypeNode(typeOperation.Value, source, ToTypeSpecifier(args[0]), name.Position, asFiltersCollections: _lenient);
        }

        if (!FunctionTable.All.TryGetValue(name.Text, out var function))
        {
            throw new FhirPathSemanticException($"Unknown function '{name.Text}'", name.Position);
        }

        if (args.Count < function.MinArgs || args.Count > function.MaxArgs)
        {
            var expected = function.MinArgs == function.MaxArgs ? $"{function.MinArgs}" : $"{function.MinArgs} to {function.MaxArgs}";
            throw new FhirPathSemanticException($"{name.Text}() takes {expected} argument(s), not {args.Count}", name.Position);
        }

        return new FunctionNode(source, function, [.. args], name.Position);
    }

    // The argument of is(), as() and ofType() is a type specifier, not an expression (https://hl7.org/fhirpath/N1/#istype--type-specifier).
    private static TypeSpecifier ToTypeSpecifier(Node arg) => arg switch
    {
        MemberNode { Source: null } m => new TypeSpecifier(null, m.Name),
        MemberNode { Source: MemberNode { Source: null } q } m => new TypeSpecifier(q.Name, m.Name),
        _ => throw new FhirPathSemanticException("Expected a type name", arg.Position),
    };

    private TypeSpecifier ParseTypeSpecifier()
    {
        var first = Current;
        if (first.Kind is not (TokenKind.Identifier or TokenKind.DelimitedIdentifier))
        {
            throw Syntax("Expected a type name", first.Position);
        }

        _pos++;
        if (Current.Kind == TokenKind.Dot && PeekNext.Kind is TokenKind.Identifier or TokenKind.DelimitedIdentifier &&
            first.Text is "FHIR" or "System")
        {
            _pos++;
            var second = Current;
            _pos++;
            return new TypeSpecifier(first.Text, second.Text);
        }

        return new TypeSpecifier(null, first.Text);
    }
}
