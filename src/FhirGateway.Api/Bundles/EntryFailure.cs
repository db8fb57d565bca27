using FhirGateway.Api.Outcomes;

namespace FhirGateway.Api.Bundles;

/// <summary>A transaction entry's refusal, which fails the whole transaction with the entry's status, naming the entry.</summary>
internal static class EntryFailure
{
    public static FhirException Of(int index, FhirException refusal)
    {
        var prefix = $"Bundle.entry[{index}]";
        var message = refusal.Message.StartsWith(prefix, StringComparison.Ordinal) ? refusal.Message : $"{prefix}: {refusal.Message}";
        if (refusal.Outcome is not { } outcome)
        {
            return new FhirException(refusal.StatusCode, refusal.IssueType, message);
        }

        // A prepared outcome (every issue a reader or validator found) says in each issue which entry it is about.
        foreach (var issue in outcome.ChildrenNamed("issue"))
        {
            if (issue.Child("diagnostics") is { } diagnostics)
            {
                diagnostics.Value = $"{prefix}: {diagnostics.Value}";
            }
        }

        return new FhirException(refusal.StatusCode, refusal.IssueType, message, outcome);
    }

    public static T Guard<T>(int index, Func<T> work)
    {
        try
        {
            return work();
        }
        catch (FhirException e)
        {
            throw Of(index, e);
        }
    }

    public static async Task<T> GuardAsync<T>(int index, Func<Task<T>> work)
    {
        try
        {
            return await work();
        }
        catch (FhirException e)
        {
            throw Of(index, e);
        }
    }
}

/// <summary>
/// A conditional entry found a different match than the transaction planned with (a concurrent writer got in
/// between, which PostgreSQL's READ COMMITTED allows): the transaction runs again.
/// </summary>
internal sealed class ConcurrentMatchException : Exception
{
    public ConcurrentMatchException()
        : base("A conditional entry's match changed while the transaction ran.")
    {
    }

    public ConcurrentMatchException(string message)
        : base(message)
    {
    }

    public ConcurrentMatchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
