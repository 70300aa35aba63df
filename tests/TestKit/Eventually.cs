namespace Xichou.TestKit;

/// <summary>
/// Polls for something that happens asynchronously (a message consumed, a row stamped, a page updated) until a deadline,
/// then fails naming what was awaited. Linked into every test project.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    public static async Task<T> GetAsync<T>(Func<Task<T?>> probe, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var value = await probe();
            if (value is not null)
            {
                return value;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {limit.TotalSeconds:F0} s waiting for {what}.");
            }
            await Task.Delay(Interval, TestContext.Current.CancellationToken);
        }
    }

    public static async Task<T> GetValueAsync<T>(Func<Task<T?>> probe, string what, TimeSpan? timeout = null) where T : struct =>
        (await GetAsync<object>(async () => await probe(), what, timeout) as T?)!.Value;

    public static Task TrueAsync(Func<Task<bool>> probe, string what, TimeSpan? timeout = null) =>
        GetAsync<object>(async () => await probe() ? true : null, what, timeout);
}
