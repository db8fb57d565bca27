namespace FhirGateway.Storage.Tests.Support;

/// <summary>
/// Runs work on dedicated threads released together by a barrier, so the calls really overlap (SQLite's ADO.NET
/// provider is synchronous underneath; thread-pool tasks would start one by one as the pool grows).
/// </summary>
internal static class Concurrently
{
    public static Task<T[]> RunAsync<T>(int count, Func<int, Task<T>> work)
    {
        var results = new T[count];
        var failures = new Exception?[count];
        using var start = new Barrier(count);
        var threads = Enumerable.Range(0, count).Select(i => new Thread(() =>
        {
            start.SignalAndWait();
            try
            {
                results[i] = work(i).GetAwaiter().GetResult();
            }
            catch (Exception e)
            {
                failures[i] = e;
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        return failures.FirstOrDefault(f => f is not null) is { } failure ? Task.FromException<T[]>(failure) : Task.FromResult(results);
    }
}
