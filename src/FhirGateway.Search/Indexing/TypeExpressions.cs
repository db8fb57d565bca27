using System.Collections.Concurrent;
using FhirGateway.Fhir.Definitions;
using FhirGateway.FhirPath;
using FhirGateway.Search.Registry;

namespace FhirGateway.Search.Indexing;

/// <summary>
/// A parameter's expression narrowed to one resource type: shared parameters are unions over many types
/// (<c>AllergyIntolerance.patient | CarePlan.subject.where(resolve() is Patient) | ...</c>, about 30 branches for
/// <c>patient</c>), and every write evaluated all of them although only the branches rooted at its own type (or a
/// type it derives from, or at no type) can match (https://hl7.org/fhir/R4/fhirpath.html#types: a type name as the
/// first step selects only a resource of that type). Dropping the other branches gives the same values; the narrowed
/// expressions are compiled once per type and parameter. Composites keep their expression: each result is an
/// occurrence, and a union also removes duplicate occurrences. Thread-safe.
/// </summary>
internal sealed class TypeExpressions
{
    private readonly ConcurrentDictionary<(string Type, string Url, string Code), FhirPathExpression?> _narrowed = new();

    /// <summary>The expression to evaluate on a resource of <paramref name="type"/>; null when no branch can match.</summary>
    public FhirPathExpression? For(TypeDefinition type, SearchParameterInfo parameter)
    {
        if (parameter.Type == SearchParamType.Composite || parameter.Expression is null)
        {
            return parameter.Compiled;
        }

        return _narrowed.GetOrAdd((type.Name, parameter.Url, parameter.Code), _ => Narrow(type, parameter));
    }

    private static FhirPathExpression? Narrow(TypeDefinition type, SearchParameterInfo parameter)
    {
        var branches = Branches(parameter.Expression!);
        var kept = branches.Where(b => CanMatch(b, type)).ToList();
        if (kept.Count == branches.Count)
        {
            return parameter.Compiled;
        }

        if (kept.Count == 0)
        {
            return null;
        }

        try
        {
            return FhirPathCompiler.Default.Compile(SearchParameterRegistry.ForIndexing(string.Join(" | ", kept)));
        }
        catch (FhirPathException)
        {
            return parameter.Compiled;
        }
    }

    // A branch whose first step names another resource type selects nothing on this one; a branch in parentheses,
    // "(MedicationRequest.medication as CodeableConcept)", is judged by what it wraps.
    internal static bool CanMatch(string branch, TypeDefinition type)
    {
        branch = Unwrap(branch);
        var end = 0;
        while (end < branch.Length && char.IsAsciiLetter(branch[end]))
        {
            end++;
        }

        if (end == 0 || (end < branch.Length && branch[end] != '.'))
        {
            return true;
        }

        return !FhirModel.R4.TryGetResourceType(branch.AsSpan(0, end), out var root) || root.IsAssignableFrom(type);
    }

    /// <summary>A branch without parentheses around all of it: <c>((A.b as C))</c> is <c>A.b as C</c>, <c>(A.b).c</c> stays.</summary>
    internal static string Unwrap(string branch)
    {
        while (branch.Length > 1 && branch[0] == '(' && ClosingParenthesis(branch) == branch.Length - 1)
        {
            branch = branch[1..^1].Trim();
        }

        return branch;
    }

    /// <summary>
    /// The index of the parenthesis that closes the one at <paramref name="open"/>, or -1; parentheses inside string
    /// literals do not count.
    /// </summary>
    internal static int ClosingParenthesis(string text, int open = 0)
    {
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '(':
                    depth++;
                    break;
                case ')':
                    if (--depth == 0)
                    {
                        return i;
                    }

                    break;
                case '\'' or '`' or '"':
                    i = EndOfQuote(text, i);
                    break;
            }
        }

        return -1;
    }

    /// <summary>The top-level operands of <c>|</c> (outside parentheses, brackets and strings), trimmed.</summary>
    internal static List<string> Branches(string expression)
    {
        var branches = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < expression.Length; i++)
        {
            switch (expression[i])
            {
                case '(' or '[' or '{':
                    depth++;
                    break;
                case ')' or ']' or '}':
                    depth--;
                    break;
                case '\'' or '`' or '"':
                    i = EndOfQuote(expression, i);
                    break;
                case '|' when depth == 0:
                    branches.Add(expression[start..i].Trim());
                    start = i + 1;
                    break;
            }
        }

        branches.Add(expression[start..].Trim());
        return branches;
    }

    // The index of the quote that ends the literal opened at start (escapes skipped), or the text's end.
    private static int EndOfQuote(string text, int start)
    {
        var i = start + 1;
        for (; i < text.Length && text[i] != text[start]; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
        }

        return i;
    }
}
