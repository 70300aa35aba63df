using Microsoft.EntityFrameworkCore;
using Xichou.Contracts;
using Xichou.Monitoring.Model;
using Xichou.ServiceDefaults.Data;

namespace Xichou.Monitoring.Infrastructure;

/// <summary>
/// With <c>Demo:Enabled</c>, puts a small deterministic set of households on an empty register, through the
/// real registration path, so every department has households the moment the platform starts.
/// </summary>
internal sealed class DemoHouseholdSeeder(TimeProvider time, IConfiguration configuration) : IDatabaseSeeder<MonitoringDbContext>
{
    private static readonly string[] Villages = ["岩头村", "龙坪村", "新寨村", "坪寨村", "老寨村", "大坪村"];
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
            await HouseholdRegistration.RegisterAsync(db, request, time, cancellationToken);
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>The same households every time: seeded randomness, valid ID numbers under area code 532623.</summary>
    public static IEnumerable<RegisterHouseholdRequest> Generate(int count)
    {
        var random = new Random(2021);
        var townships = Townships.ByCode.Keys.Order(StringComparer.Ordinal).ToArray();
        for (var i = 0; i < count; i++)
        {
            var birth = new DateOnly(1950, 1, 1).AddDays(random.Next(0, 365 * 50));
            yield return new RegisterHouseholdRequest(
                townships[i % townships.Length],
                Villages[random.Next(Villages.Length)],
                Surnames[random.Next(Surnames.Length)] + GivenNames[random.Next(GivenNames.Length)],
                IdNumber.Compose(IdNumber.XichouAreaCode, birth, i % 1000));
        }
    }
}
