using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xichou.Agriculture.Infrastructure;
using Xichou.CommandCentre.Infrastructure;
using Xichou.Contracts;
using Xichou.Education.Infrastructure;
using Xichou.Employment.Infrastructure;
using Xichou.FunctionalTests.Infrastructure;
using Xichou.Housing.Infrastructure;
using Xichou.Insurance.Infrastructure;
using Xichou.Monitoring.Infrastructure;
using Xichou.Water.Infrastructure;

namespace Xichou.FunctionalTests.BadInput;

/// <summary>
/// The eight services on a broker node of their own, so that counting every table's rows before and after a bad request
/// measures that request alone: on the shared <see cref="Platform"/> other test classes write at the same time. One
/// household is registered and known to every department, so that route ids can name things that exist and a bad body
/// reaches the validation behind the lookup.
/// </summary>
public sealed class BadInputPlatform : IAsyncLifetime
{
    public const string VillageCode = "532623201001";

    private RabbitMqNode? _broker;
    private Dictionary<string, ServiceHost> _hosts = [];

    public ServiceHost this[string service] => _hosts[service];

    public Guid HouseholdId { get; private set; }

    public async ValueTask InitializeAsync()
    {
        _broker = await RabbitMqNode.StartAsync();
        try
        {
            _hosts = await Platform.StartEveryServiceAsync(_broker.ConnectionString);
        }
        catch
        {
            await _broker.DisposeAsync();
            throw;
        }
        await SeedAsync();
    }

    /// <summary>
    /// A household on the register and in every department's copy, with the things a route id can name: a member, a
    /// housing finding (so a risk on the register and a housing remediation case), a water case, a referral, a loan and a cadre.
    /// </summary>
    private async Task SeedAsync()
    {
        var monitoring = _hosts[ServiceNames.Monitoring].Client;
        var household = await PostAsync(monitoring, "/api/households",
            new { villageCode = VillageCode, headName = "王坏输", headIdNumber = IdNumbers.New() });
        HouseholdId = household.GetProperty("id").GetGuid();
        foreach (var department in Departments.All)
        {
            await Eventually.TrueAsync(async () => await _hosts[department.Key].CountAsync(
                "SELECT COUNT(*) FROM Households WHERE Id = $id", ("$id", HouseholdId.ToString().ToUpperInvariant())) == 1,
                $"{department.Key} to know the household");
        }
        var today = Beijing.Today(TimeProvider.System).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await PostAsync(_hosts[ServiceNames.Housing].Client, $"/api/households/{HouseholdId}/assessments",
            new { grade = "D", assessedOn = today, assessor = "县住建局 王工" });
        await PostAsync(_hosts[ServiceNames.Water].Client, "/api/remediations",
            new { measure = "管网延伸入户", responsiblePerson = "李水", householdIds = new[] { HouseholdId } });
        await PostAsync(monitoring, "/api/referrals", new { householdId = HouseholdId, toDepartment = ServiceNames.Water, request = "请核查饮水" });
        await PostAsync(monitoring, $"/api/households/{HouseholdId}/loans", new { purpose = "发展产业", amount = 20000m });
        await PostAsync(monitoring, "/api/cadres", new { userName = "cadre-bad-input", name = "赵干部", workUnit = "县财政局", rank = "section" });
        await Eventually.TrueAsync(async () => await _hosts[ServiceNames.Monitoring].CountAsync("SELECT COUNT(*) FROM Risks") >= 1,
            "the register to hold housing's finding");
        await Eventually.TrueAsync(async () => await _hosts[ServiceNames.Water].CountAsync("SELECT COUNT(*) FROM Referrals") >= 1,
            "water to hold the referral");
        await QuietAsync();
    }

    /// <summary>Waits until no table of any service changes for a second: the seed's events are all consumed.</summary>
    public async Task QuietAsync()
    {
        var previous = await AllCountsAsync();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
            var now = await AllCountsAsync();
            if (now == previous)
            {
                return;
            }
            previous = now;
        }
    }

    private async Task<string> AllCountsAsync()
    {
        var all = new List<string>();
        foreach (var host in _hosts.Values.OrderBy(h => h.Name, StringComparer.Ordinal))
        {
            all.AddRange((await TableCounts.OfAsync(host)).Select(pair => $"{host.Name}.{pair.Key}={pair.Value}"));
        }
        return string.Join(';', all);
    }

    private static async Task<JsonElement> PostAsync(HttpClient client, string path, object body)
    {
        using var response = await client.PostAsJsonAsync(new Uri(path, UriKind.Relative), body, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Created))
        {
            throw new InvalidOperationException($"Seeding {path} answered {(int)response.StatusCode}: {text}");
        }
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts.Values)
        {
            await host.DisposeAsync();
        }
        if (_broker is not null)
        {
            await _broker.DisposeAsync();
        }
    }
}

/// <summary>The number of rows in every table of a service's SQLite file.</summary>
public static class TableCounts
{
    public static async Task<SortedDictionary<string, long>> OfAsync(ServiceHost host)
    {
        await using var connection = host.OpenDatabaseFile();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            await using var count = connection.CreateCommand();
            // A refused registration or import is audited on purpose (action "refuse", issue 12's no-oracle rule): the one
            // line a 4xx may write. Any other audit line after a 4xx is a partial write.
            count.CommandText = table == "AuditLog"
                ? "SELECT COUNT(*) FROM \"AuditLog\" WHERE \"Action\" <> 'refuse'"
                : $"SELECT COUNT(*) FROM \"{table}\"";
            counts[table] = Convert.ToInt64(await count.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        }
        return counts;
    }

    /// <summary>The tables whose counts differ, as "Table: before → after".</summary>
    public static IReadOnlyList<string> Changes(IReadOnlyDictionary<string, long> before, IReadOnlyDictionary<string, long> after) =>
        [.. before.Keys.Union(after.Keys).Order(StringComparer.Ordinal)
            .Where(t => before.GetValueOrDefault(t) != after.GetValueOrDefault(t))
            .Select(t => $"{t}: {before.GetValueOrDefault(t)} → {after.GetValueOrDefault(t)}")];
}
