using Microsoft.EntityFrameworkCore;
using Xichou.Contracts;
using Xichou.Monitoring.Model;
using Xichou.ServiceDefaults.Auditing;
using Xichou.ServiceDefaults.Data;

namespace Xichou.Monitoring.Infrastructure;

/// <summary>
/// With <c>Demo:Enabled</c>, puts a small deterministic set of households on an empty register, through the
/// real registration path, so every department has households the moment the platform starts.
/// </summary>
internal sealed class DemoHouseholdSeeder(TimeProvider time, IConfiguration configuration) : IDatabaseSeeder<MonitoringDbContext>
{
    /// <summary>The demo pairing cadre's user name (the gateway's demo user of the same name).</summary>
    public const string DemoCadre = "pairing-cadre";

    /// <summary>兴街镇三光村, where the demo cadre's household is.</summary>
    public const string DemoCadreVillage = "532623101012";

    private static readonly Actor Seeder = new("demo-seed", "system");
    private static readonly string[] Surnames = ["王", "李", "张", "杨", "陈", "刘", "罗", "熊", "陶", "侯", "马", "赵"];
    private static readonly string[] GivenNames = ["明", "国富", "德华", "秀英", "建国", "玉兰", "正荣", "光明", "春花", "文学", "世昌", "桂芬"];

    public async Task SeedAsync(MonitoringDbContext db, CancellationToken cancellationToken)
    {
        var count = configuration.GetValue("Demo:Households", 90);
        if (!configuration.GetValue<bool>("Demo:Enabled") || await db.Households.AnyAsync(cancellationToken))
        {
            return;
        }
        foreach (var request in Generate(count))
        {
            await HouseholdRegistration.RegisterAsync(db, request, Seeder, time, cancellationToken);
            db.ChangeTracker.Clear();
        }
        // One household each (measure 2): the demo cadre is paired with the first household of the demo village.
        var paired = await db.Households.Where(h => h.VillageCode == DemoCadreVillage).OrderBy(h => h.Code).FirstOrDefaultAsync(cancellationToken);
        paired?.PairWith(DemoCadre);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// The same households every time: seeded randomness, valid ID numbers under area code 532623, spread over every
    /// village committee in turn.
    /// </summary>
    public static IEnumerable<RegisterHouseholdRequest> Generate(int count)
    {
        var random = new Random(2021);
        for (var i = 0; i < count; i++)
        {
            var birth = new DateOnly(1950, 1, 1).AddDays(random.Next(0, 365 * 50));
            yield return new RegisterHouseholdRequest(
                Villages.All[i % Villages.All.Count].Code,
                Surnames[random.Next(Surnames.Length)] + GivenNames[random.Next(GivenNames.Length)],
                IdNumber.Compose(IdNumber.XichouAreaCode, birth, i % 1000));
        }
    }
}
