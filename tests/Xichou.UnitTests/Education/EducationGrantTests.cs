using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xichou.DepartmentKit.Households;
using Xichou.Education.Infrastructure;
using Xichou.Education.Model;
using Xichou.ServiceDefaults.Data;

namespace Xichou.UnitTests.Education;

/// <summary>
/// One grant per student and period, as the database keeps it (a unique index on a real SQLite database in memory): the same
/// student and period twice is refused, another period or another student is not.
/// </summary>
public sealed class EducationGrantTests : IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");
    private readonly ServiceProvider _services;

    public EducationGrantTests()
    {
        _connection.Open();
        // The service's own write gate, as the host registers it; the model is education's own.
        _services = new ServiceCollection()
            .AddSingleton(new DatabaseWriteGate(serialise: true))
            .AddDbContext<SqliteEducationDbContext>(options => options.UseSqlite(_connection))
            .BuildServiceProvider();
    }

    public void Dispose()
    {
        _services.Dispose();
        _connection.Dispose();
    }

    private SqliteEducationDbContext NewContext()
    {
        var db = _services.CreateScope().ServiceProvider.GetRequiredService<SqliteEducationDbContext>();
        db.Database.EnsureCreated();
        return db;
    }

    private static EducationSubsidy Grant(Guid student, Guid household, string period) =>
        EducationSubsidy.Grant(student, household, period, SchoolStage.SeniorSecondary, "senior-high-and-above", 2000m,
            new DateOnly(2026, 11, 30), "西开组发〔2021〕2号", "education", DateTimeOffset.UtcNow);

    private async Task<Guid> HouseholdAsync()
    {
        await using var db = NewContext();
        var household = KnownHousehold.New(Guid.NewGuid(), "H1", "532623101", "532623101012", "三光村", "测试", "532623********1238", 3,
            DateTimeOffset.UtcNow, DateTimeOffset.UtcNow);
        db.Households.Add(household);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return household.Id;
    }

    [Fact]
    public async Task A_second_grant_for_the_same_student_and_period_is_refused()
    {
        var household = await HouseholdAsync();
        var student = Guid.NewGuid();
        await using (var db = NewContext())
        {
            db.Subsidies.Add(Grant(student, household, "2026-2027"));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await using var again = NewContext();
        again.Subsidies.Add(Grant(student, household, "2026-2027"));
        var refused = await Assert.ThrowsAsync<DuplicateKeyException>(() => again.SaveChangesAsync(TestContext.Current.CancellationToken));
        Assert.Equal("IX_EducationSubsidies_StudentId_Period", refused.IndexName);
    }

    [Fact]
    public async Task Another_period_or_another_student_is_allowed()
    {
        var household = await HouseholdAsync();
        var student = Guid.NewGuid();
        await using var db = NewContext();
        db.Subsidies.Add(Grant(student, household, "2026-2027"));
        db.Subsidies.Add(Grant(student, household, "2025-2026"));
        db.Subsidies.Add(Grant(Guid.NewGuid(), household, "2026-2027"));

        await db.SaveChangesAsync(TestContext.Current.CancellationToken);

        Assert.Equal(3, await db.Subsidies.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public void An_amount_is_kept_in_yuan_with_two_places_rounded_half_up()
    {
        var subsidy = EducationSubsidy.Grant(Guid.NewGuid(), Guid.NewGuid(), "2026-2027", SchoolStage.Preschool, "preschool", 500.005m,
            new DateOnly(2026, 11, 30), "v", "education", DateTimeOffset.UtcNow);

        Assert.Equal(500.01m, subsidy.AmountYuan);
    }
}
