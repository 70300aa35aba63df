namespace Xichou.Monitoring.Model;

/// <summary>职级: the policy pairs leaders at deputy-section level and above (全县实职副科级以上领导每人挂钩1户).</summary>
public enum CadreRank
{
    DeputySection,
    Section,
    DeputyCounty,
    County,
}

/// <summary>A cadre paired with one household (挂钩干部, measure 2); signs in with <see cref="UserName"/>.</summary>
public sealed class Cadre
{
    public Guid Id { get; private set; }

    /// <summary>The cadre's platform user name: the household's <see cref="Household.PairedCadre"/>.</summary>
    public string UserName { get; private set; } = "";

    public string Name { get; private set; } = "";
    public string WorkUnit { get; private set; } = "";
    public CadreRank Rank { get; private set; }

    public static Cadre Create(string userName, string name, string workUnit, CadreRank rank) =>
        new() { Id = Guid.CreateVersion7(), UserName = userName, Name = name, WorkUnit = workUnit, Rank = rank };
}

/// <summary>The two lenders of poverty-alleviation microcredit in Xichou (measure 7).</summary>
public enum Lender
{
    /// <summary>县信用社 (rural credit cooperative).</summary>
    CreditUnion,

    /// <summary>县农行 (Agricultural Bank of China, county branch).</summary>
    AgriculturalBank,
}

/// <summary>need → applied → approved → disbursed, or declined with a reason.</summary>
public enum LoanStatus
{
    Need,
    Applied,
    Approved,
    Disbursed,
    Declined,
}

/// <summary>A household's microcredit need and its application (扶贫小额信贷, 应贷尽贷).</summary>
public sealed class Loan
{
    public Guid Id { get; private set; }
    public Guid HouseholdId { get; private set; }
    public string Purpose { get; private set; } = "";
    public decimal Amount { get; private set; }
    public Lender? Lender { get; private set; }
    public LoanStatus Status { get; private set; }
    public string? DeclineReason { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }
    public DateTimeOffset StatusChangedAt { get; private set; }

    public static Loan RecordNeed(Guid householdId, string purpose, decimal amount, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at), HouseholdId = householdId, Purpose = purpose, Amount = amount,
        Status = LoanStatus.Need, RecordedAt = at, StatusChangedAt = at,
    };

    /// <summary>Moves the loan on one step; false if the step is not the next one (or it is already declined or disbursed).</summary>
    public bool MoveTo(LoanStatus next, Lender? lender, decimal? amount, string? declineReason, DateTimeOffset at)
    {
        var allowed = (Status, next) switch
        {
            (LoanStatus.Need, LoanStatus.Applied) => lender is not null,
            (LoanStatus.Applied, LoanStatus.Approved) => true,
            (LoanStatus.Approved, LoanStatus.Disbursed) => true,
            (LoanStatus.Need or LoanStatus.Applied or LoanStatus.Approved, LoanStatus.Declined) => !string.IsNullOrWhiteSpace(declineReason),
            _ => false,
        };
        if (!allowed)
        {
            return false;
        }
        Status = next;
        Lender = lender ?? Lender;
        Amount = amount ?? Amount;
        DeclineReason = next == LoanStatus.Declined ? declineReason : null;
        StatusChangedAt = at;
        return true;
    }
}

/// <summary>A complaint by the 两不愁三保障 hotline (举报电话): recorded, and a risk to check.</summary>
public sealed class Complaint
{
    public Guid Id { get; private set; }
    public Guid HouseholdId { get; private set; }
    public DateTimeOffset ReceivedAt { get; private set; }
    public string Content { get; private set; } = "";

    /// <summary>Sensitive: the caller's contact, if given.</summary>
    public string? CallerPhone { get; private set; }

    public string RecordedBy { get; private set; } = "";
    public Guid RiskId { get; private set; }

    public static Complaint Record(Guid householdId, string content, string? callerPhone, string recordedBy, Guid riskId, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at), HouseholdId = householdId, ReceivedAt = at, Content = content,
        CallerPhone = callerPhone, RecordedBy = recordedBy, RiskId = riskId,
    };
}
