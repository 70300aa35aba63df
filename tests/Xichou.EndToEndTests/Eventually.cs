namespace Xichou.EndToEndTests;

internal static class Eventually
{
    /// <summary>Polls <paramref name="probe"/> until it returns a value or the deadline passes, then fails with <paramref name="what"/>.</summary>
    public static async Task<T> Get<T>(Func<Task<T?>> probe, string what, TimeSpan? timeout = null) where T : class
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var value = await probe();
            if (value is not null)
            {
                return value;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for {what}.");
            }
            await Task.Delay(200);
        }
    }
}
