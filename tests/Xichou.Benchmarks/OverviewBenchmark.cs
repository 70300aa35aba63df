using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xichou.CommandCentre.Feed;
using Xichou.CommandCentre.Infrastructure;
using Xichou.CommandCentre.Overview;
using Xichou.Contracts;
using Xichou.ServiceDefaults.Data;
using Xichou.ServiceDefaults.Messaging;

namespace Xichou.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project tests/Xichou.Benchmarks -- overview [--households N] [--rounds N]</c>: generates a
/// county of households with their events' projections (visits, pairings, surveys, risks, escalations, referrals, payments)
/// straight into a command centre's SQLite tables, then measures what a request costs on the server: the overview (the
/// cache of county cells warm, as between events), recomputing the cells after an event (cold), a township's drill-down
/// and the households behind a number. No broker, no HTTP: the handlers' own work.
/// </summary>
public static class OverviewBenchmark
{
    public const string Usage = """
        usage: dotnet run -c Release --project tests/Xichou.Benchmarks -- overview [--households N] [--rounds N]
          --households N  households generated with their projections (default 100000)
          --rounds N      measured requests of each kind (default 200)
        """;

    public static async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        var households = 100_000;
        var rounds = 200;
        for (var a = 0; a < args.Length; a++)
        {
            var value = a + 1 < args.Length && int.TryParse(args[a + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed > 0
                ? parsed : (int?)null;
            switch (args[a])
            {
                case "--households" when value is { } n:
                    households = n;
                    a++;
                    break;
                case "--rounds" when value is { } n:
                    rounds = n;
                    a++;
                    break;
                default:
                    Console.Error.WriteLine($"unknown or invalid argument: {args[a]}");
                    Console.Error.WriteLine(Usage);
                    return 2;
            }
        }
        var work = Directory.CreateTempSubdirectory("xichou-overview-").FullName;
        try
        {
            var services = new ServiceCollection()
                .AddSingleton(new DatabaseWriteGate(serialise: false))
                .AddSingleton<OutboxSignal>()
                .BuildServiceProvider();
            var options = new DbContextOptionsBuilder<SqliteCommandCentreDbContext>()
                .UseSqlite($"Data Source={Path.Combine(work, "command-centre.db")}")
                .AddInterceptors(new SqliteConnectionSetup())
                .UseApplicationServiceProvider(services)
                .Options;
            SqliteCommandCentreDbContext NewContext() => new(options);

            var now = DateTimeOffset.UtcNow;
            var today = Beijing.DateOf(now);
            await using (var db = NewContext())
            {
                await db.Database.MigrateAsync(ct);
            }
            var generating = Stopwatch.GetTimestamp();
            var counts = await GenerateAsync(NewContext, households, today, now, ct);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Xichou command centre overview benchmark: {households:N0} households, {counts}, generated in {Stopwatch.GetElapsedTime(generating).TotalSeconds:F1} s; {Environment.ProcessorCount} cores"));

            var county = new OverviewScope(null, true, "全县");
            var zone = new OverviewScope(new HashSet<string>(["532623101", "532623205"], StringComparer.Ordinal), false, "兴街镇、董马乡");
            OverviewData data = null!;
            var cold = await MeasureAsync(Math.Max(3, rounds / 40), async () =>
            {
                await using var db = NewContext();
                data = await OverviewData.ComputeAsync(db, 1, now, ct);
            });
            Report("cells recomputed after an event (cold)", cold);
            Report("GET /api/overview (county, cells warm)", await MeasureAsync(rounds, () => { _ = OverviewComposer.Compose(data, county); return Task.CompletedTask; }));
            Report("GET /api/overview (zone commander, 2 townships)", await MeasureAsync(rounds, () => { _ = OverviewComposer.Compose(data, zone); return Task.CompletedTask; }));
            Report("GET /api/overview/townships/{code} (drill-down)", await MeasureAsync(rounds, () => { _ = OverviewComposer.Compose(data, county, "532623101"); return Task.CompletedTask; }));
            var townships = Townships.ByCode.Keys.Order(StringComparer.Ordinal).ToArray();
            var i = 0;
            Report("GET /api/overview/households?measure=overdue-visits&township= (drill-down to households)", await MeasureAsync(rounds, async () =>
            {
                await using var db = NewContext();
                _ = await HouseholdLists.QueryAsync(db, county, "overdue-visits", true, townships[i++ % townships.Length], null, null, 1, 50, today, ct);
            }));
            Report("GET /api/overview/households?measure=housing-safe&met=false&village= (village list)", await MeasureAsync(rounds, async () =>
            {
                await using var db = NewContext();
                _ = await HouseholdLists.QueryAsync(db, county, Measures.HousingSafe, false, null, Villages.All[i++ % Villages.All.Count].Code, null, 1, 50, today, ct);
            }));
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(work, recursive: true);
        }
    }

    private static void Report(string what, List<double> ms)
    {
        ms.Sort();
        double P(double q) => ms[Math.Min(ms.Count - 1, (int)Math.Ceiling(q * ms.Count) - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what}: p50 {P(0.50):F1} ms, p95 {P(0.95):F1} ms, max {ms[^1]:F1} ms ({ms.Count} rounds)"));
    }

    private static async Task<List<double>> MeasureAsync(int rounds, Func<Task> action)
    {
        for (var w = 0; w < Math.Min(5, rounds); w++)
        {
            await action();
        }
        var times = new List<double>(rounds);
        for (var r = 0; r < rounds; r++)
        {
            var started = Stopwatch.GetTimestamp();
            await action();
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        return times;
    }

    /// <summary>The county's households spread over its villages, each with the projections its events would leave.</summary>
    private static async Task<string> GenerateAsync(Func<SqliteCommandCentreDbContext> newContext, int households, DateOnly today, DateTimeOffset now,
        CancellationToken ct)
    {
        var random = new Random(2021);
        var villages = Villages.All;
        string[] categories = ["expenseSpike", "incomeDrop", "housing", "water", "employment", "illness"];
        string[] departments = [ServiceNames.Housing, ServiceNames.Agriculture, ServiceNames.Employment, ServiceNames.Education, ServiceNames.Water, ServiceNames.Insurance];
        long events = 0, facts = 0, risks = 0, referrals = 0, payments = 0;
        const int Chunk = 5_000;
        for (var start = 0; start < households; start += Chunk)
        {
            await using var db = newContext();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var n = start; n < Math.Min(households, start + Chunk); n++)
            {
                var village = villages[n % villages.Count];
                var id = Guid.NewGuid();
                var registered = now.AddDays(-random.Next(20, 700));
                var visited = random.NextDouble() < 0.9 ? today.AddDays(-random.Next(0, 30)) : (DateOnly?)null;
                var status = random.NextDouble() switch { < 0.85 => "monitored", < 0.95 => "riskEliminated", _ => "exited" };
                db.HouseholdProjections.Add(new HouseholdProjection
                {
                    Id = id, HouseholdCode = $"532623{n:D9}", TownshipCode = village.TownshipCode, VillageKey = village.Code, Village = village.Name,
                    HeadName = "王某某", HeadIdNumber = "532623198001011234", Status = status, RegisteredAt = registered, DetailsAsOf = registered,
                    StatusAsOf = registered, LastCycleVisitOn = visited, CycleDays = 15, LastVisitOn = visited,
                    CadreId = random.NextDouble() < 0.3 ? Guid.NewGuid() : null, CadreName = null, PairingAsOf = registered,
                });
                db.FeedEvents.Add(new FeedEvent
                {
                    MessageId = Guid.NewGuid(), Source = ServiceNames.Monitoring, Type = nameof(HouseholdRegistered), HouseholdId = id,
                    Body = "{}", OccurredAt = registered, ReceivedAt = registered,
                });
                events += 3;
                foreach (var measure in new[] { Measures.HousingSafe, Measures.WaterSafe, Measures.Trained, Measures.Employed, Measures.Medical, Measures.PovertyPrevention })
                {
                    db.MeasureFacts.Add(new MeasureFact { HouseholdId = id, Measure = measure, Department = "x", Met = random.NextDouble() < 0.8, AsOf = registered });
                    facts++;
                    events++;
                }
                if (random.NextDouble() < 0.3)
                {
                    db.PaymentProjections.Add(new PaymentProjection
                    {
                        PaymentId = Guid.NewGuid(), HouseholdId = id, TownshipCode = village.TownshipCode, VillageKey = village.Code,
                        Department = ServiceNames.Agriculture, Measure = "措施四", KindName = "产业补助", AmountYuan = random.Next(5, 30) * 100m,
                        PaidOn = today.AddDays(-random.Next(0, 300)), CapName = "每户产业补助", CapYuan = 3000m, HeadroomAfterYuan = random.Next(0, 25) * 100m,
                        OccurredAt = now,
                    });
                    payments++;
                    events++;
                }
                if (random.NextDouble() < 0.2)
                {
                    var riskId = Guid.NewGuid();
                    var opened = now.AddDays(-random.Next(1, 360));
                    var closed = random.NextDouble() < 0.6 ? opened.AddDays(random.Next(1, 60)) : (DateTimeOffset?)null;
                    var level = random.NextDouble() switch { < 0.7 => "village", < 0.9 => "township", _ => "county" };
                    db.RiskProjections.Add(new RiskProjection
                    {
                        RiskId = riskId, HouseholdId = id, TownshipCode = village.TownshipCode, VillageKey = village.Code, Source = "visit",
                        Category = categories[random.Next(categories.Length)], Severity = "medium", Level = level, OpenedAt = opened,
                        ClosedAt = closed, ClosedHow = closed is null ? null : "verified",
                    });
                    risks++;
                    events += closed is null ? 1 : 2;
                    if (level != "village")
                    {
                        db.Escalations.Add(new EscalationRecord
                        {
                            MessageId = Guid.NewGuid(), RiskId = riskId, HouseholdId = id, TownshipCode = village.TownshipCode, VillageKey = village.Code,
                            FromLevel = "village", ToLevel = level, Automatic = random.NextDouble() < 0.5, At = opened.AddDays(30),
                        });
                        events++;
                    }
                    if (random.NextDouble() < 0.7)
                    {
                        var requested = opened.AddDays(random.Next(0, 5));
                        var accepted = random.NextDouble() < 0.8 ? requested.AddDays(random.Next(0, 5)) : (DateTimeOffset?)null;
                        var delivered = accepted is { } a && random.NextDouble() < 0.7 ? a.AddDays(random.Next(1, 40)) : (DateTimeOffset?)null;
                        db.ReferralProjections.Add(new ReferralProjection
                        {
                            ReferralId = Guid.NewGuid(), HouseholdId = id, TownshipCode = village.TownshipCode, VillageKey = village.Code,
                            FromService = ServiceNames.Monitoring, Department = departments[random.Next(departments.Length)], RiskId = riskId,
                            Status = delivered is not null ? "delivered" : accepted is not null ? "accepted" : "requested",
                            DueOn = Beijing.DateOf(requested).AddDays(28), RequestedAt = requested, AcceptedAt = accepted, DeliveredAt = delivered,
                            ClosedAt = delivered, AsOf = delivered ?? accepted ?? requested,
                        });
                        referrals++;
                        events += 1 + (accepted is null ? 0 : 1) + (delivered is null ? 0 : 1);
                    }
                }
            }
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
        }
        return string.Create(CultureInfo.InvariantCulture,
            $"~{events:N0} events' projections ({facts:N0} measure facts, {risks:N0} risks, {referrals:N0} referrals, {payments:N0} payments)");
    }
}
