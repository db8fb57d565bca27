using FhirGateway.Fhir.Model;
using FhirGateway.FhirPath;
using FhirGateway.Validation.Definitions;
using FhirGateway.Validation.Walking;

namespace FhirGateway.Validation.Rules;

/// <summary>
/// Invariants (ElementDefinition.constraint, https://hl7.org/fhir/R4/conformance-rules.html#constraints): those of
/// the element's definition and those of its type's own definition (per-1 for every Period), each once per key.
/// An invariant holds when its expression evaluates to true; false or empty fails it. Expressions are compiled once
/// per definition; the core invariants on every element or resource are evaluated natively.
/// </summary>
internal static class InvariantRule
{
    public static void Check(ValidationRun run, ElementNode node, ElementDef def, ElementDef? typeRoot, ResourceFrame frame)
    {
        var own = def.Constraints;
        foreach (var c in own)
        {
            Evaluate(run, node, c, frame);
        }

        if (typeRoot is null || ReferenceEquals(typeRoot, def))
        {
            return;
        }

        foreach (var c in typeRoot.Constraints)
        {
            if (!HasKey(own, c.Key))
            {
                Evaluate(run, node, c, frame);
            }
        }
    }

    private static bool HasKey(ConstraintDef[] constraints, string key)
    {
        foreach (var c in constraints)
        {
            if (string.Equals(c.Key, key, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static void Evaluate(ValidationRun run, ElementNode node, ConstraintDef c, ResourceFrame frame)
    {
        bool holds;
        string? detail = null;
        if (c.Native != NativeInvariant.None)
        {
            holds = NativeInvariantChecks.Holds(run, node, c.Native, frame, out detail);
        }
        else
        {
            var expression = c.Compiled(out var compileError);
            if (expression is null)
            {
                if (compileError is not null)
                {
                    run.Warning(ValidationIssueCodes.InvariantNotEvaluated, "invariant", $"Constraint {c.Key} could not be checked: its expression does not compile ({compileError}).");
                }

                return;
            }

            try
            {
                holds = expression.Predicate(node, frame.EvaluationContext(run));
            }
            catch (FhirPathException e)
            {
                run.Warning(ValidationIssueCodes.InvariantNotEvaluated, "invariant", $"Constraint {c.Key} could not be checked: {e.Message}.");
                return;
            }
            catch (Exception e) when (e is InvalidOperationException or InvalidCastException or ArgumentException or FormatException or OverflowException or NullReferenceException)
            {
                // A definition's expression meeting data the engine does not expect must not stop validation of the rest.
                run.Warning(ValidationIssueCodes.InvariantNotEvaluated, "invariant", $"Constraint {c.Key} could not be checked: {e.GetType().Name}: {e.Message}.");
                return;
            }
        }

        if (holds)
        {
            return;
        }

        var message = $"Constraint failed: {c.Key}: '{c.Human}'{(detail is null ? string.Empty : " (" + detail + ")")}";
        if (c.IsError)
        {
            run.Error(ValidationIssueCodes.Invariant, "invariant", message);
        }
        else
        {
            run.Warning(ValidationIssueCodes.Invariant, "invariant", message);
        }
    }
}
