using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Xichou.CommandCentre.Infrastructure;
using Xichou.Contracts;
using Xichou.FunctionalTests.Infrastructure;

namespace Xichou.FunctionalTests.CommandCentre;

/// <summary>
/// A command centre of its own on a broker of its own, with a clock at noon on 20 November 2026 (Beijing), fed a known
/// sequence of events on the real broker: no other test's households reach it, so every number on its overview is exact.
/// </summary>
public sealed class CommandCentreRig : IAsyncLifetime
{
    public static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, Beijing.Offset);

    public const string Xisa = "532623100";
    public const string Xingjie = "532623101";
    public const string Longquan = "532623100002"; // 西洒镇龙泉村
    public const string XisaFirst = "532623100001";
    public const string Sanguang = "532623101012"; // 兴街镇三光村
    public const string Longping = "532623101007"; // 兴街镇龙坪村

    public static readonly Guid H1 = Guid.Parse("00000000-0000-0000-0000-0000000000a1");
    public static readonly Guid H2 = Guid.Parse("00000000-0000-0000-0000-0000000000a2");
    public static readonly Guid H3 = Guid.Parse("00000000-0000-0000-0000-0000000000a3");
    public static readonly Guid H4 = Guid.Parse("00000000-0000-0000-0000-0000000000a4");
    public static readonly Guid R1 = Guid.Parse("00000000-0000-0000-0000-0000000000b1");
    public static readonly Guid R2 = Guid.Parse("00000000-0000-0000-0000-0000000000b2");
    public static readonly Guid W1 = Guid.Parse("00000000-0000-0000-0000-0000000000c1");
    public static readonly Guid F1 = Guid.Parse("00000000-0000-0000-0000-0000000000d1");
    public static readonly Guid F2 = Guid.Parse("00000000-0000-0000-0000-0000000000d2");

    private RabbitMqNode? _broker;
    private ServiceHost? _host;
    private int _published;

    public ServiceHost Host => _host ?? throw new InvalidOperationException("The rig has not started.");

    public static DateTimeOffset At(int month, int day, int hour = 9) => new(2026, month, day, hour, 0, 0, Beijing.Offset);

    public async ValueTask InitializeAsync()
    {
        _broker = await RabbitMqNode.StartAsync();
        var clock = new TestClock(Now);
        _host = await ServiceHost.StartAsync<CommandCentreDbContext>(ServiceNames.CommandCentre, _broker.ConnectionString, web =>
        {
            web.UseSetting("CommandCentre:HeartbeatSeconds", "1");
            web.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock));
        });
        foreach (var message in Sequence())
        {
            await PublishAsync(message);
        }
    }

    /// <summary>Publishes one event on the broker as its service would, and waits until the command centre has applied it.</summary>
    public async Task PublishAsync(IHouseholdEvent message)
    {
        var bus = Host.Services.GetRequiredService<IBus>();
        var id = NewId.NextGuid();
        await bus.Publish(message, message.GetType(), context => context.MessageId = id, TestContext.Current.CancellationToken);
        var expected = Interlocked.Increment(ref _published);
        await Eventually.TrueAsync(async () => await Host.CountAsync("SELECT COUNT(*) FROM FeedEvents") >= expected,
            $"the command centre to apply {message.GetType().Name} #{expected}");
    }

    private static HouseholdRegistered Registered(Guid id, string code, string village, string name, DateTimeOffset at) => new()
    {
        HouseholdId = id, HouseholdCode = code, TownshipCode = Villages.TownshipOf(village), VillageCode = village, Village = Villages.NameOf(village),
        HeadName = name, HeadIdNumber = IdNumbers.New(), OccurredAt = at, MemberCount = 4,
    };

    private static ReferralSnapshot Referral(Guid id, Guid household, string village, string department, Guid? risk, DateTimeOffset requested,
        DateOnly due, string status, DateTimeOffset? accepted = null, DateTimeOffset? closed = null) => new()
    {
        ReferralId = id, HouseholdId = household, TownshipCode = Villages.TownshipOf(village), VillageCode = village, Village = Villages.NameOf(village),
        FromService = ServiceNames.Monitoring, ToDepartment = department, RiskId = risk, Request = "请核查", RequestedBy = "poverty-office",
        RequestedAt = requested, DueOn = due, Status = status, Escalation = "none", AcceptedAt = accepted, AcceptedBy = accepted is null ? null : department,
        ClosedAt = closed, ClosedBy = closed is null ? null : department,
    };

    /// <summary>
    /// Four households: H1 (西洒镇龙泉村) visited five days ago, paired, house safe, trained but nobody employed, paid 1,500 yuan;
    /// H2 (西洒镇) last visited 1 October (overdue), house unsafe, a visit's risk escalated to the township and referred to
    /// housing, accepted and past its deadline; H3 (兴街镇三光村) registered ten days ago, water's finding on the register,
    /// referred, accepted, delivered and cleared; H4 (兴街镇龙坪村) exited.
    /// </summary>
    public static IEnumerable<IHouseholdEvent> Sequence()
    {
        yield return Registered(H1, "XC-A1", Longquan, "张福贵", At(9, 1));
        yield return Registered(H2, "XC-A2", XisaFirst, "李春花", At(9, 1));
        yield return Registered(H3, "XC-A3", Sanguang, "王有才", At(11, 10));
        yield return Registered(H4, "XC-A4", Longping, "赵玉兰", At(9, 1));
        yield return new HouseholdStatusChanged
        {
            HouseholdId = H4, TownshipCode = Xingjie, VillageCode = Longping, Village = Villages.NameOf(Longping), Status = "exited",
            PreviousStatus = "monitored", On = new DateOnly(2026, 10, 20), Reason = "稳定脱险", OccurredAt = At(10, 20),
        };
        yield return new HouseholdVisited
        {
            VisitId = Guid.NewGuid(), HouseholdId = H1, TownshipCode = Xisa, VillageCode = Longquan, Village = Villages.NameOf(Longquan),
            VisitedOn = new DateOnly(2026, 11, 15), KeepsCycle = true, CycleDays = 15, OccurredAt = At(11, 15),
        };
        yield return new HouseholdVisited
        {
            VisitId = Guid.NewGuid(), HouseholdId = H2, TownshipCode = Xisa, VillageCode = XisaFirst, Village = Villages.NameOf(XisaFirst),
            VisitedOn = new DateOnly(2026, 10, 1), KeepsCycle = true, CycleDays = 15, OccurredAt = At(10, 1),
        };
        // A pairing cadre's visit keeps no cycle: H3 stays unvisited for the cycle.
        yield return new HouseholdVisited
        {
            VisitId = Guid.NewGuid(), HouseholdId = H3, TownshipCode = Xingjie, VillageCode = Sanguang, Village = Villages.NameOf(Sanguang),
            VisitedOn = new DateOnly(2026, 11, 18), KeepsCycle = false, CycleDays = 15, OccurredAt = At(11, 18),
        };
        yield return new CadrePaired
        {
            HouseholdId = H1, TownshipCode = Xisa, VillageCode = Longquan, Village = Villages.NameOf(Longquan), CadreId = Guid.NewGuid(),
            CadreName = "县领导甲", OccurredAt = At(9, 5),
        };
        yield return new SurveyRecorded
        {
            HouseholdId = H1, TownshipCode = Xisa, VillageCode = Longquan, Village = Villages.NameOf(Longquan), Department = ServiceNames.Housing,
            Status = "secured", OccurredAt = At(9, 10),
        };
        yield return new SurveyRecorded
        {
            HouseholdId = H2, TownshipCode = Xisa, VillageCode = XisaFirst, Village = Villages.NameOf(XisaFirst), Department = ServiceNames.Housing,
            Status = "problem", OccurredAt = At(9, 10),
        };
        yield return new SurveyRecorded
        {
            HouseholdId = H1, TownshipCode = Xisa, VillageCode = Longquan, Village = Villages.NameOf(Longquan), Department = ServiceNames.Employment,
            Status = "problem", Measures = new Dictionary<string, bool> { ["trained"] = true, ["employed"] = false }, OccurredAt = At(9, 12),
        };
        yield return new HouseholdPaid
        {
            PaymentId = Guid.NewGuid(), HouseholdId = H1, TownshipCode = Xisa, VillageCode = Longquan, Village = Villages.NameOf(Longquan),
            Department = ServiceNames.Agriculture, Measure = "措施四", Kind = "industrySubsidy", KindName = "产业补助", AmountYuan = 1500m,
            PaidOn = new DateOnly(2026, 10, 8), CapName = "每户产业补助", CapYuan = 3000m, HeadroomAfterYuan = 1500m, PolicyVersion = "2021",
            OccurredAt = At(10, 8),
        };
        yield return new RiskRegistered
        {
            RiskId = R1, HouseholdId = H2, TownshipCode = Xisa, VillageCode = XisaFirst, Village = Villages.NameOf(XisaFirst), Source = "visit",
            Category = "expenseSpike", Severity = "high", Level = "village", EscalationDueOn = new DateOnly(2026, 10, 31), OccurredAt = At(10, 1),
        };
        yield return new ReferralRequested
        {
            Referral = Referral(F1, H2, XisaFirst, ServiceNames.Housing, R1, At(10, 2), new DateOnly(2026, 10, 30), "requested"),
            By = "poverty-office", OccurredAt = At(10, 2),
        };
        yield return new ReferralAccepted
        {
            Referral = Referral(F1, H2, XisaFirst, ServiceNames.Housing, R1, At(10, 2), new DateOnly(2026, 10, 30), "accepted", accepted: At(10, 5)),
            By = "housing", OccurredAt = At(10, 5),
        };
        yield return new RiskEscalated
        {
            RiskId = R1, HouseholdId = H2, TownshipCode = Xisa, VillageCode = XisaFirst, Village = Villages.NameOf(XisaFirst), FromLevel = "village",
            ToLevel = "township", Automatic = true, Category = "expenseSpike", OccurredAt = At(11, 1),
        };
        yield return new RiskIdentified
        {
            RiskId = W1, HouseholdId = H3, TownshipCode = Xingjie, VillageCode = Sanguang, Village = Villages.NameOf(Sanguang),
            Department = ServiceNames.Water, Category = "water", Severity = "medium", Description = "水量不足", OccurredAt = At(11, 11),
        };
        yield return new RiskRegistered
        {
            RiskId = R2, FindingId = W1, HouseholdId = H3, TownshipCode = Xingjie, VillageCode = Sanguang, Village = Villages.NameOf(Sanguang),
            Source = "department", Department = ServiceNames.Water, Category = "water", Severity = "medium", Level = "village", OccurredAt = At(11, 11),
        };
        yield return new ReferralRequested
        {
            Referral = Referral(F2, H3, Sanguang, ServiceNames.Water, R2, At(11, 12), new DateOnly(2026, 12, 20), "requested"),
            By = "poverty-office", OccurredAt = At(11, 12),
        };
        yield return new ReferralAccepted
        {
            Referral = Referral(F2, H3, Sanguang, ServiceNames.Water, R2, At(11, 12), new DateOnly(2026, 12, 20), "accepted", accepted: At(11, 13)),
            By = "water", OccurredAt = At(11, 13),
        };
        yield return new ReferralDelivered
        {
            Referral = Referral(F2, H3, Sanguang, ServiceNames.Water, R2, At(11, 12), new DateOnly(2026, 12, 20), "delivered", accepted: At(11, 13),
                closed: At(11, 15)),
            By = "water", OccurredAt = At(11, 15),
        };
        yield return new FindingCleared
        {
            RiskId = W1, HouseholdId = H3, TownshipCode = Xingjie, VillageCode = Sanguang, Village = Villages.NameOf(Sanguang),
            Department = ServiceNames.Water, Category = "water", Resolution = "已通自来水", ClearedBy = "water", OccurredAt = At(11, 16),
        };
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
        if (_broker is not null)
        {
            await _broker.DisposeAsync();
        }
    }
}
