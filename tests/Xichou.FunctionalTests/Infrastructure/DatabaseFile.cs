namespace Xichou.FunctionalTests.Infrastructure;

/// <summary>Reads a service's SQLite file directly, to check what is really stored rather than what the API says.</summary>
public static class DatabaseFile
{
    public static async Task<long> CountAsync(this ServiceHost host, string sql, params (string Name, object Value)[] parameters)
    {
        var value = await host.ScalarAsync(sql, parameters);
        return Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    public static async Task<object?> ScalarAsync(this ServiceHost host, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = host.OpenDatabaseFile();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        var result = await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);
        return result is DBNull ? null : result;
    }

    public static Task<long> HouseholdsWithIdNumberAsync(this ServiceHost host, string idNumber) =>
        host.CountAsync("SELECT COUNT(*) FROM Households WHERE HeadIdNumber = $id", ("$id", idNumber));

    /// <summary>Outbox rows whose event mentions <paramref name="text"/> (an ID number or a household id).</summary>
    public static Task<long> OutboxRowsMentioningAsync(this ServiceHost host, string text) =>
        host.CountAsync("SELECT COUNT(*) FROM OutboxMessages WHERE instr(Body, $text) > 0", ("$text", text));

    /// <summary>Outbox rows of the contract <typeparamref name="TEvent"/> whose event mentions <paramref name="text"/> (a household id).</summary>
    public static Task<long> OutboxRowsAsync<TEvent>(this ServiceHost host, string text) =>
        host.CountAsync("SELECT COUNT(*) FROM OutboxMessages WHERE MessageType = $type AND instr(Body, $text) > 0",
            ("$type", typeof(TEvent).FullName!), ("$text", text));

    /// <summary>When the <typeparamref name="TEvent"/> row mentioning <paramref name="text"/> was confirmed by the broker, or null while unsent.</summary>
    public static Task<object?> OutboxSentAtAsync<TEvent>(this ServiceHost host, string text) =>
        host.ScalarAsync("SELECT SentAt FROM OutboxMessages WHERE MessageType = $type AND instr(Body, $text) > 0",
            ("$type", typeof(TEvent).FullName!), ("$text", text));

    /// <summary>When the outbox row mentioning <paramref name="text"/> was confirmed by the broker, or null while unsent.</summary>
    public static Task<object?> OutboxSentAtAsync(this ServiceHost host, string text) =>
        host.ScalarAsync("SELECT SentAt FROM OutboxMessages WHERE instr(Body, $text) > 0", ("$text", text));
}
