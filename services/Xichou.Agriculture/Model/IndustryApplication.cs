using Xichou.Agriculture.Policy;

namespace Xichou.Agriculture.Model;

/// <summary>An industry subsidy application's state; on the wire applied, approved, paid, refused.</summary>
public enum ApplicationStatus
{
    Applied,
    Approved,
    Paid,
    Refused,
}

/// <summary>
/// 产业发展奖补 (措施四): one household's application for a subsidy towards an industry, with the plan and its cost. Its subsidy
/// is fixed when it is made (min(50 % of the cost, the household's headroom under the cap)) and holds that much of the
/// household's cap until it is refused; approved fixes it for payment; paid records the day and the voucher.
/// Lifecycle: applied → approved → paid, or refused (with a reason) before it is paid.
/// </summary>
public sealed class IndustryApplication
{
    public const int MaxIndustryLength = 32;
    public const int MaxPlanLength = 1000;
    public const int MaxVoucherLength = 64;
    public const int MaxReasonLength = 500;
    public const int MaxNoteLength = 500;

    public Guid Id { get; private set; }
    public Guid HouseholdId { get; private set; }
    public string Industry { get; private set; } = "";
    public string Plan { get; private set; } = "";
    public decimal CostYuan { get; private set; }

    /// <summary>措施四's eligibility as the applicant declared it: at home (在家), with the wish to develop the industry.</summary>
    public bool AtHome { get; private set; }
    public bool WishesToDevelop { get; private set; }

    /// <summary>The household's labourers the department knew of when the application was made (有劳动能力).</summary>
    public int Labourers { get; private set; }

    public decimal ShareOfCostYuan { get; private set; }
    public decimal SubsidyYuan { get; private set; }

    /// <summary>The share of the cost was more than the headroom, so the subsidy is cut to it.</summary>
    public bool Cut { get; private set; }

    public ApplicationStatus Status { get; private set; }
    public DateOnly AppliedOn { get; private set; }
    public string AppliedBy { get; private set; } = "";
    public DateTimeOffset AppliedAt { get; private set; }

    public string? ApprovedBy { get; private set; }
    public DateTimeOffset? ApprovedAt { get; private set; }
    public string? ApprovalNote { get; private set; }

    public DateOnly? PaidOn { get; private set; }
    public string? Voucher { get; private set; }
    public string? PaidBy { get; private set; }
    public DateTimeOffset? PaidAt { get; private set; }

    public string? RefusalReason { get; private set; }
    public string? RefusedBy { get; private set; }
    public DateTimeOffset? RefusedAt { get; private set; }

    /// <summary>Bumped by every transition; a concurrency token, so two users never both approve or pay it.</summary>
    public int Revision { get; private set; }

    /// <summary>Holds part of the household's cap: applied, approved or paid.</summary>
    public bool HoldsCap => Status != ApplicationStatus.Refused;

    public static IndustryApplication Apply(Guid householdId, string industry, string plan, decimal costYuan, bool atHome, bool wishesToDevelop,
        int labourers, SubsidyQuote quote, DateOnly on, string by, DateTimeOffset at)
    {
        if (quote.Refused)
        {
            throw new InvalidOperationException("An application with no headroom left is refused, not stored.");
        }
        return new IndustryApplication
        {
            Id = Guid.CreateVersion7(at),
            HouseholdId = householdId,
            Industry = industry,
            Plan = plan,
            CostYuan = costYuan,
            AtHome = atHome,
            WishesToDevelop = wishesToDevelop,
            Labourers = labourers,
            ShareOfCostYuan = quote.ShareOfCostYuan,
            SubsidyYuan = quote.SubsidyYuan,
            Cut = quote.Cut,
            Status = ApplicationStatus.Applied,
            AppliedOn = on,
            AppliedBy = by,
            AppliedAt = at,
        };
    }

    public void Approve(string? note, string by, DateTimeOffset at)
    {
        Ensure(ApplicationStatus.Applied);
        Status = ApplicationStatus.Approved;
        ApprovalNote = note;
        ApprovedBy = by;
        ApprovedAt = at;
        Revision++;
    }

    public void Pay(DateOnly on, string voucher, string by, DateTimeOffset at)
    {
        Ensure(ApplicationStatus.Approved);
        Status = ApplicationStatus.Paid;
        PaidOn = on;
        Voucher = voucher;
        PaidBy = by;
        PaidAt = at;
        Revision++;
    }

    public void Refuse(string reason, string by, DateTimeOffset at)
    {
        if (Status is not (ApplicationStatus.Applied or ApplicationStatus.Approved))
        {
            throw new InvalidOperationException($"Application {Id} is {Status}.");
        }
        Status = ApplicationStatus.Refused;
        RefusalReason = reason;
        RefusedBy = by;
        RefusedAt = at;
        Revision++;
    }

    private void Ensure(ApplicationStatus status)
    {
        if (Status != status)
        {
            throw new InvalidOperationException($"Application {Id} is {Status}, not {status}.");
        }
    }

    public static string NameOf(ApplicationStatus status) => status switch
    {
        ApplicationStatus.Applied => "待审批",
        ApplicationStatus.Approved => "已批准",
        ApplicationStatus.Paid => "已发放",
        _ => "不予补助",
    };
}

/// <summary>
/// A household's standing under the subsidy cap, one row per household: what its applications hold (applied, approved,
/// paid) and what has been paid. Every application, approval, payment and refusal of the household changes this row, and
/// its revision is a concurrency token, so two of them at once (two replicas, two users) cannot both spend the same
/// headroom: the second is refused with a 409 and nothing stored.
/// </summary>
public sealed class SubsidyAccount
{
    public Guid HouseholdId { get; private set; }
    public decimal CommittedYuan { get; private set; }
    public decimal PaidYuan { get; private set; }
    public int Revision { get; private set; }

    public static SubsidyAccount Open(Guid householdId) => new() { HouseholdId = householdId };

    public void Hold(decimal yuan)
    {
        CommittedYuan += yuan;
        Revision++;
    }

    public void Release(decimal yuan)
    {
        CommittedYuan -= yuan;
        Revision++;
    }

    public void Paid(decimal yuan)
    {
        PaidYuan += yuan;
        Revision++;
    }

    /// <summary>Nothing changes but the revision: the approval of one application still claims the household's row.</summary>
    public void Touch() => Revision++;
}
