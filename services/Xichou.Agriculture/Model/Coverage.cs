namespace Xichou.Agriculture.Model;

/// <summary>Whom a household is bound to under 双绑: a cooperative (合作社) or a leading enterprise (龙头企业).</summary>
public enum PartnerKind
{
    Cooperative,
    LeadingEnterprise,
}

/// <summary>What the linkage gives the household (利益联结方式).</summary>
public enum LinkageBenefit
{
    /// <summary>分红.</summary>
    Dividends,

    /// <summary>订单收购.</summary>
    Orders,

    /// <summary>务工就业.</summary>
    Jobs,
}

public static class CoverageNames
{
    public static string NameOf(PartnerKind kind) => kind == PartnerKind.Cooperative ? "合作社" : "龙头企业";

    public static string NameOf(LinkageBenefit benefit) => benefit switch
    {
        LinkageBenefit.Dividends => "分红",
        LinkageBenefit.Orders => "订单收购",
        _ => "务工就业",
    };

    public static string UnitName(string unit) => unit == "mu" ? "亩" : "头（只）";
}

/// <summary>
/// “双绑” 利益联结 (措施四: 建立利益联结“双绑”机制开展减贫带贫，实现带贫益贫全覆盖): the household bound to a cooperative or a leading
/// enterprise, and what the linkage gives it.
/// </summary>
public sealed class Linkage
{
    public const int MaxPartnerNameLength = 100;

    public Guid Id { get; private set; }
    public Guid HouseholdId { get; private set; }
    public string PartnerName { get; private set; } = "";
    public PartnerKind PartnerKind { get; private set; }
    public bool Dividends { get; private set; }
    public bool Orders { get; private set; }
    public bool Jobs { get; private set; }
    public DateOnly BoundOn { get; private set; }
    public string RecordedBy { get; private set; } = "";
    public DateTimeOffset RecordedAt { get; private set; }

    public static Linkage Bind(Guid householdId, string partnerName, PartnerKind kind, IReadOnlyCollection<LinkageBenefit> benefits, DateOnly on,
        string by, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at),
        HouseholdId = householdId,
        PartnerName = partnerName,
        PartnerKind = kind,
        Dividends = benefits.Contains(LinkageBenefit.Dividends),
        Orders = benefits.Contains(LinkageBenefit.Orders),
        Jobs = benefits.Contains(LinkageBenefit.Jobs),
        BoundOn = on,
        RecordedBy = by,
        RecordedAt = at,
    };

    public IReadOnlyList<LinkageBenefit> Benefits =>
        [.. new[] { (Dividends, LinkageBenefit.Dividends), (Orders, LinkageBenefit.Orders), (Jobs, LinkageBenefit.Jobs) }.Where(b => b.Item1).Select(b => b.Item2)];
}

/// <summary>An industry the household runs, as the department's industry survey (产业摸排) found it, with its scale.</summary>
public sealed class HouseholdIndustry
{
    public long Id { get; private set; }
    public Guid HouseholdId { get; init; }
    public string Industry { get; init; } = "";
    public decimal Scale { get; init; }

    /// <summary>mu (亩) or head (头/只).</summary>
    public string Unit { get; init; } = "";

    public DateOnly SurveyedOn { get; init; }
    public string RecordedBy { get; init; } = "";
    public DateTimeOffset RecordedAt { get; init; }
}

/// <summary>
/// 政策性农业保险 (措施九（二）): one of the household's industries insured, its scale, the policy period and the insurer. The
/// industry is insured on the days of its period.
/// </summary>
public sealed class InsurancePolicy
{
    public const int MaxInsurerLength = 100;
    public const int MaxPolicyNumberLength = 64;

    public Guid Id { get; private set; }
    public Guid HouseholdId { get; private set; }
    public string Industry { get; private set; } = "";
    public decimal Scale { get; private set; }
    public string Unit { get; private set; } = "";
    public string Insurer { get; private set; } = "";
    public string? PolicyNumber { get; private set; }
    public DateOnly StartsOn { get; private set; }
    public DateOnly EndsOn { get; private set; }
    public string RecordedBy { get; private set; } = "";
    public DateTimeOffset RecordedAt { get; private set; }

    public bool CoversOn(DateOnly day) => StartsOn <= day && day <= EndsOn;

    public static InsurancePolicy Record(Guid householdId, string industry, decimal scale, string unit, string insurer, string? policyNumber,
        DateOnly startsOn, DateOnly endsOn, string by, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at),
        HouseholdId = householdId,
        Industry = industry,
        Scale = scale,
        Unit = unit,
        Insurer = insurer,
        PolicyNumber = policyNumber,
        StartsOn = startsOn,
        EndsOn = endsOn,
        RecordedBy = by,
        RecordedAt = at,
    };
}

/// <summary>A loss on an insured industry (出险报损): the day, the cause and the amount; it is an income risk on the county's register.</summary>
public sealed class LossClaim
{
    public const int MaxCauseLength = 200;

    public Guid Id { get; private set; }
    public Guid InsurancePolicyId { get; private set; }
    public Guid HouseholdId { get; private set; }
    public DateOnly OccurredOn { get; private set; }
    public string Cause { get; private set; } = "";
    public decimal AmountYuan { get; private set; }
    public string RecordedBy { get; private set; } = "";
    public DateTimeOffset RecordedAt { get; private set; }

    public static LossClaim Record(InsurancePolicy policy, DateOnly occurredOn, string cause, decimal amountYuan, string by, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at),
        InsurancePolicyId = policy.Id,
        HouseholdId = policy.HouseholdId,
        OccurredOn = occurredOn,
        Cause = cause,
        AmountYuan = amountYuan,
        RecordedBy = by,
        RecordedAt = at,
    };
}

/// <summary>
/// A finding agriculture put on the county's risk register and keeps while its fact holds: a household not bound under 双绑
/// (<c>unbound-linkage</c>), or a key industry it runs without insurance (<c>uninsured-industry</c>, the industry as
/// subject). At most one open per household, category and subject (a unique index), so the register gets it once; when
/// the fact no longer holds it is cleared, and should it hold again later it is a new finding with a new id.
/// </summary>
public sealed class AgricultureFinding
{
    public const string Unbound = "unbound-linkage";
    public const string Uninsured = "uninsured-industry";

    public Guid Id { get; private set; }
    public Guid HouseholdId { get; private set; }
    public string Category { get; private set; } = "";

    /// <summary>The industry of an uninsured-industry finding; empty for unbound-linkage.</summary>
    public string Subject { get; private set; } = "";

    public string Description { get; private set; } = "";
    public DateTimeOffset OpenedAt { get; private set; }
    public DateTimeOffset? ClearedAt { get; private set; }
    public string? ClearedBy { get; private set; }
    public string? Resolution { get; private set; }

    public bool IsOpen => ClearedAt is null;

    public static AgricultureFinding Open(Guid householdId, string category, string subject, string description, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at),
        HouseholdId = householdId,
        Category = category,
        Subject = subject,
        Description = description,
        OpenedAt = at,
    };

    public void Clear(string resolution, string by, DateTimeOffset at)
    {
        ClearedAt = at;
        ClearedBy = by;
        Resolution = resolution;
    }
}
