using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xichou.Contracts;
using Xichou.FunctionalTests.Infrastructure;
using Xichou.Monitoring.Infrastructure;
using Xichou.Monitoring.Model;
using Xichou.ServiceDefaults.Data;

namespace Xichou.FunctionalTests.PlatformDefaults;

/// <summary>
/// A save refused by the unique index on the head's ID number: every log line of the service (EF Core's included, at
/// Debug) and the exception it throws name the index and never the ID number. Its own broker and register, with a
/// logger that keeps every line.
/// </summary>
public class DuplicateKeyLoggingTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_duplicate_ID_number_is_logged_and_thrown_by_its_index_name_and_never_by_its_value()
    {
        var logs = new CapturedLogs();
        await using var broker = await RabbitMqNode.StartAsync();
        await using var monitoring = await ServiceHost.StartAsync<MonitoringDbContext>(ServiceNames.Monitoring, broker.ConnectionString, web =>
        {
            web.UseSetting("Logging:LogLevel:Default", "Information");
            web.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Debug");
            web.ConfigureLogging(logging => logging.ClearProviders().AddProvider(logs));
        });
        var idNumber = IdNumbers.New();
        using var register = await monitoring.Client.PostAsJsonAsync(new Uri("/api/households", UriKind.Relative),
            new { villageCode = TestUser.SanguangVillage, headName = "罗永红", headIdNumber = idNumber }, Cancellation);
        Assert.Equal(HttpStatusCode.Created, register.StatusCode);
        var id = (await register.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("id").GetGuid();

        // A second household with the same head, saved past the register's own check: the index refuses it.
        var refused = await monitoring.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<MonitoringDbContext>();
            var copy = await db.Households.AsNoTracking().SingleAsync(h => h.Id == id, Cancellation);
            typeof(Household).GetProperty(nameof(Household.Id))!.SetValue(copy, Guid.CreateVersion7());
            typeof(Household).GetProperty(nameof(Household.Code))!.SetValue(copy, $"T{Guid.NewGuid():N}"[..30]);
            db.Households.Add(copy);
            return await Assert.ThrowsAsync<DuplicateKeyException>(() => db.SaveChangesAsync(Cancellation));
        });

        Assert.Equal("IX_Households_HeadIdNumber", refused.IndexName);
        Assert.DoesNotContain(idNumber, refused.ToString(), StringComparison.Ordinal);
        Assert.Null(refused.InnerException);
        var lines = logs.Lines;
        Assert.Contains(lines, line => line.Contains("IX_Households_HeadIdNumber", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.Contains(idNumber, StringComparison.Ordinal));
    }

    /// <summary>Every line logged, with its exception written out as a log sink would.</summary>
    private sealed class CapturedLogs : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public IReadOnlyList<string> Lines => [.. _lines];

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
        }
    }
}
