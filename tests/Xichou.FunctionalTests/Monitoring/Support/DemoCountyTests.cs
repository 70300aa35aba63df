using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Xichou.Contracts;
using Xichou.Monitoring.Infrastructure.Demo;
using Xichou.Monitoring.Model;
using Xichou.Monitoring.Policy;

namespace Xichou.FunctionalTests.Monitoring.Support;

/// <summary>The demo county: the same every time, every village populated, families that could be real, and quick to store.</summary>
public class DemoCountyTests(ITestOutputHelper output)
{
    private static readonly DateOnly Today = new(2025, 6, 18);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public void Same_seed_size_and_day_give_the_same_county()
    {
        var first = JsonSerializer.Serialize(DemoCounty.Generate(300, Today));
        var second = JsonSerializer.Serialize(DemoCounty.Generate(300, Today));
        var otherSeed = JsonSerializer.Serialize(DemoCounty.Generate(300, Today, seed: 7));

        Assert.Equal(first, second);
        Assert.NotEqual(first, otherSeed);
    }

    [Fact]
    public void Ninety_households_reach_every_village_committee_and_the_demo_users_villages()
    {
        var plan = DemoCounty.Generate(90, Today);

        Assert.Equal(90, plan.Households.Count);
        Assert.Equal(70, Villages.All.Count);
        Assert.All(Villages.All, village => Assert.Contains(plan.Households, h => h.VillageCode == village.Code));
        Assert.Equal(9, plan.Households.Select(h => Villages.TownshipOf(h.VillageCode)).Distinct().Count());
        var demoCadre = Assert.Single(plan.Cadres, c => c.UserName == DemoCounty.DemoCadre);
        Assert.Equal(DemoCounty.DemoCadreVillage, plan.Households[demoCadre.HouseholdNumber].VillageCode);
        Assert.Contains(plan.Households, h => h.VillageCode == "532623101007");
        // One household each (每人挂钩1户).
        Assert.Equal(plan.Cadres.Count, plan.Cadres.Select(c => c.HouseholdNumber).Distinct().Count());
        Assert.Equal(plan.Cadres.Count, plan.Cadres.Select(c => c.UserName).Distinct().Count());
    }

    [Fact]
    public void Members_have_valid_unique_Xichou_ID_numbers_and_ages_that_fit_their_relation()
    {
        var plan = DemoCounty.Generate(DemoCounty.DefaultHouseholds, Today);
        var members = plan.Households.SelectMany(h => h.Members).ToList();

        Assert.All(members, m => Assert.True(IdNumber.IsValid(m.IdNumber), m.IdNumber));
        Assert.All(members, m => Assert.StartsWith(IdNumber.XichouAreaCode, m.IdNumber, StringComparison.Ordinal));
        Assert.Equal(members.Count, members.Select(m => m.IdNumber).Distinct().Count());
        Assert.All(plan.Households, h => Assert.InRange(h.Members.Count, 1, 7));
        foreach (var household in plan.Households)
        {
            var head = household.Members[0];
            Assert.Equal(Relation.Head, head.Relation);
            Assert.Single(household.Members, m => m.Relation == Relation.Head);
            Assert.InRange(head.Age, 18, 100);
            foreach (var member in household.Members)
            {
                var age = AgeOn(Today, IdNumber.BirthDateOf(member.IdNumber));
                Assert.Equal(member.Age, age);
                var sex = Member.SexOf(member.IdNumber);
                switch (member.Relation)
                {
                    case Relation.Spouse:
                        Assert.InRange(Math.Abs(member.Age - head.Age), 0, 15);
                        Assert.NotEqual(Member.SexOf(head.IdNumber), sex);
                        break;
                    case Relation.Child:
                        Assert.True(head.Age - member.Age >= 16, $"child {member.Age}, head {head.Age}");
                        break;
                    case Relation.ChildInLaw:
                        Assert.Equal(Sex.Female, sex);
                        Assert.True(member.Age >= 18);
                        break;
                    case Relation.Grandchild:
                        Assert.True(head.Age - member.Age >= 32, $"grandchild {member.Age}, head {head.Age}");
                        break;
                    case Relation.Parent:
                        Assert.True(member.Age - head.Age >= 16, $"parent {member.Age}, head {head.Age}");
                        break;
                }
                if (member.Age < 16)
                {
                    Assert.Equal(LabourCapacity.None, member.LabourCapacity);
                }
                if (member.Age is >= 6 and < 15)
                {
                    Assert.NotEqual(SchoolStage.NotInSchool, member.SchoolStage);
                }
            }
            Assert.NotNull(head.Phone);
            Assert.Equal(household.Members.Count, household.Members.Select(m => m.Name).Distinct().Count());
        }
        var incomes = plan.Households.Select(h => h.RegisteredIncome).ToList();
        Assert.All(incomes, income => Assert.InRange(income, 5000m, 12500m));
    }

    [Fact]
    public void Visits_keep_most_households_in_this_cycle_and_some_overdue()
    {
        var plan = DemoCounty.Generate(DemoCounty.DefaultHouseholds, Today);
        var policy = MonitoringPolicy.Xichou2021;

        var states = plan.Households.Select(h => VisitCycle.StateOn(Today, h.Visits.Count == 0 ? null : h.Visits.Max(v => v.On), h.RegisteredOn, policy)).ToList();

        var visited = states.Count(s => s == CycleState.Visited);
        var overdue = states.Count(s => s == CycleState.Overdue);
        Assert.InRange(visited, plan.Households.Count * 7 / 10, plan.Households.Count * 95 / 100);
        Assert.InRange(overdue, plan.Households.Count / 20, plan.Households.Count / 5);
        Assert.All(plan.Households.SelectMany(h => h.Visits), v => Assert.InRange(v.On, Today.AddDays(-DemoCounty.HistoryDays), Today));
    }

    [Fact]
    public async Task Two_thousand_households_are_stored_with_risks_at_every_level_and_every_household_announced()
    {
        var now = new DateTimeOffset(Today.ToDateTime(new TimeOnly(10, 0)), Beijing.Offset);
        await using var scratch = await ScratchMonitoringDatabase.CreateAsync("xichou-demo-", Cancellation);
        var db = scratch.Db;

        var watch = Stopwatch.StartNew();
        var plan = DemoCounty.Generate(DemoCounty.DefaultHouseholds, Today);
        var summary = await DemoCountyWriter.WriteAsync(db, plan, MonitoringPolicies.Default, now, Cancellation);
        watch.Stop();
        output.WriteLine($"{summary} in {watch.ElapsedMilliseconds} ms, {await db.OutboxMessages.CountAsync(Cancellation)} outbox rows");

        // How long seeding takes is a figure to print, not a test's verdict (it is 25-130 s on a loaded 2-core machine).
        Assert.Equal(2000, await db.Households.CountAsync(Cancellation));
        Assert.Equal(2000, await db.OutboxMessages.CountAsync(m => m.MessageType == typeof(HouseholdRegistered).FullName, Cancellation));
        Assert.Equal(summary.Members, await db.Members.CountAsync(Cancellation));
        foreach (var level in Enum.GetValues<RiskLevel>())
        {
            Assert.True(await db.Risks.CountAsync(r => r.Status == RiskStatus.Open && r.Level == level, Cancellation) > 0, $"open risks at {level}");
        }
        Assert.True(await db.RiskEscalations.AnyAsync(e => e.To == RiskLevel.Township && !e.Automatic, Cancellation));
        var closed = await db.Risks.Where(r => r.Status == RiskStatus.Closed).ToListAsync(Cancellation);
        Assert.NotEmpty(closed);
        Assert.All(closed, r => Assert.NotNull(r.VerificationVisitId));
        var verifications = await db.Visits.Where(v => v.Kind == VisitKind.Verification).Select(v => v.Id).ToListAsync(Cancellation);
        Assert.All(closed, r => Assert.Contains(r.VerificationVisitId!.Value, verifications));
        // Nothing escalated that the policy period had not yet passed for.
        var policy = MonitoringPolicy.Xichou2021;
        var open = await db.Risks.Where(r => r.Status == RiskStatus.Open && r.Level != RiskLevel.County).ToListAsync(Cancellation);
        Assert.All(open, r => Assert.True(now - r.LevelSince < TimeSpan.FromDays(policy.EscalationDays)));
        Assert.True(await db.Households.AnyAsync(h => h.PerCapitaIncome < policy.MonitoringLineYuan, Cancellation));
        Assert.Equal(summary.Cadres, await db.Cadres.CountAsync(Cancellation));
        Assert.Equal(summary.Cadres, await db.Households.CountAsync(h => h.PairedCadre != null, Cancellation));
        Assert.Equal(DemoCounty.DemoCadreVillage,
            await db.Households.Where(h => h.PairedCadre == DemoCounty.DemoCadre).Select(h => h.VillageCode).SingleAsync(Cancellation));
        foreach (var status in Enum.GetValues<LoanStatus>())
        {
            Assert.True(await db.Loans.AnyAsync(l => l.Status == status, Cancellation), $"a loan {status}");
        }
    }

    private static int AgeOn(DateOnly day, DateOnly birth)
    {
        var age = day.Year - birth.Year;
        return birth.AddYears(age) > day ? age - 1 : age;
    }
}
