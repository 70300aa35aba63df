namespace Xichou.FunctionalTests.Infrastructure;

/// <summary>Polls for something that happens asynchronously (a message consumed, a row stamped) until a deadline.</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public static async Task<T> GetAsync<T>(Func<Task<T?>> probe, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            var value = await probe();
            if (value is not null)
            {
                return value;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {(timeout ?? DefaultTimeout).TotalSeconds:F0} s waiting for {what}.");
            }
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    public static async Task<T> GetValueAsync<T>(Func<Task<T?>> probe, string what, TimeSpan? timeout = null) where T : struct =>
        (await GetAsync<object>(async () => await probe(), what, timeout) as T?)!.Value;

    public static Task TrueAsync(Func<Task<bool>> probe, string what, TimeSpan? timeout = null) =>
        GetAsync<object>(async () => await probe() ? true : null, what, timeout);
}
