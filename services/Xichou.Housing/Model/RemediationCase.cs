using Xichou.Housing.Policy;
using Xichou.ServiceDefaults.Http;

namespace Xichou.Housing.Model;

public enum RemediationStatus
{
    Open,
    Completed,
}

/// <summary>措施三's three routes to a safe house; on the wire pairing-unit-help, self-build, other-policy.</summary>
public enum RemediationRoute
{
    /// <summary>挂包帮单位帮建: the household's pairing unit builds or repairs it.</summary>
    PairingUnitHelp,

    /// <summary>农户自建: the household builds or repairs it itself.</summary>
    SelfBuild,

    /// <summary>其他住房政策: another housing policy (relocation, a rental, a state-owned house).</summary>
    OtherPolicy,
}

public static class RemediationRoutes
{
    /// <summary>pairing-unit-help, self-build or other-policy (either case, spaces trimmed); null for anything else.</summary>
    public static RemediationRoute? Parse(string? text)
    {
        var wire = text?.Trim().ToLowerInvariant();
        return Enum.GetValues<RemediationRoute>().Cast<RemediationRoute?>().FirstOrDefault(route => WireName.KebabOf(route!.Value) == wire);
    }

    public static string WireOf(RemediationRoute route) => WireName.KebabOf(route);

    public static string NameOf(RemediationRoute route) => route switch
    {
        RemediationRoute.PairingUnitHelp => "挂包帮单位帮建",
        RemediationRoute.SelfBuild => "农户自建",
        _ => "其他住房政策",
    };

    public static string NameOf(RemediationStatus status) => status == RemediationStatus.Open ? "改造中" : "已安全";
}

/// <summary>
/// One unsafe house's way to safety (措施三: 逐户分析研究, 明确专人负责, 跟踪到住房安全为止): opened by a C or D
/// assessment, given a route, one responsible person and a plan, followed by progress entries, completed only by a
/// re-assessment at a safe grade. A household has at most one open case.
/// </summary>
public sealed class RemediationCase
{
    public const int MaxResponsiblePersonLength = 64;
    public const int MaxPlanLength = 1000;
    public const int MaxProgressLength = 500;

    public Guid Id { get; private set; }
    public Guid HouseholdId { get; private set; }
    public RemediationStatus Status { get; private set; }

    public Guid OpeningAssessmentId { get; private set; }
    public HouseGrade OpeningGrade { get; private set; }

    /// <summary>The day the house was found unsafe: no progress or re-assessment is dated before it.</summary>
    public DateOnly FoundOn { get; private set; }

    public string OpenedBy { get; private set; } = "";
    public DateTimeOffset OpenedAt { get; private set; }

    public RemediationRoute? Route { get; private set; }
    public string? ResponsiblePerson { get; private set; }
    public string? Plan { get; private set; }
    public string? PlannedBy { get; private set; }
    public DateTimeOffset? PlannedAt { get; private set; }

    public List<RemediationProgress> Progress { get; private set; } = [];

    public Guid? CompletingAssessmentId { get; private set; }
    public HouseGrade? FinalGrade { get; private set; }
    public string? CompletedBy { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }

    /// <summary>Bumped by every change of the case and its progress; a concurrency token, so two users never both complete it.</summary>
    public int Revision { get; private set; }

    public bool IsOpen => Status == RemediationStatus.Open;

    public bool HasPlan => Route is not null && ResponsiblePerson is not null && Plan is not null;

    public static RemediationCase Open(Assessment finding, DateTimeOffset at)
    {
        var remediation = new RemediationCase
        {
            Id = Guid.CreateVersion7(at),
            HouseholdId = finding.HouseholdId,
            Status = RemediationStatus.Open,
            OpeningAssessmentId = finding.Id,
            OpeningGrade = finding.Grade,
            FoundOn = finding.AssessedOn,
            OpenedBy = finding.RecordedBy,
            OpenedAt = at,
        };
        finding.BelongsTo(remediation);
        return remediation;
    }

    public void SetPlan(RemediationRoute route, string responsiblePerson, string plan, string by, DateTimeOffset at)
    {
        EnsureOpen();
        Route = route;
        ResponsiblePerson = responsiblePerson;
        Plan = plan;
        PlannedBy = by;
        PlannedAt = at;
        Revision++;
    }

    public RemediationProgress AddProgress(DateOnly on, string text, string by, DateTimeOffset at)
    {
        EnsureOpen();
        var entry = new RemediationProgress { RemediationCaseId = Id, On = on, Text = text, By = by, At = at };
        Progress.Add(entry);
        // The case's revision guards its entries too: no step is added to a case another user just completed.
        Revision++;
        return entry;
    }

    /// <summary>Closes the case on a re-assessment at a grade the policy counts safe, once a plan exists (the use case checks both first).</summary>
    public void Complete(Assessment reAssessment, HousingPolicy policy, string by, DateTimeOffset at)
    {
        EnsureOpen();
        if (!HasPlan)
        {
            throw new InvalidOperationException($"Remediation case {Id} has no plan.");
        }
        if (!HousingRules.CanComplete(reAssessment.Grade, policy))
        {
            throw new InvalidOperationException($"Remediation case {Id} cannot be completed at grade {reAssessment.Grade}.");
        }
        reAssessment.BelongsTo(this);
        Status = RemediationStatus.Completed;
        CompletingAssessmentId = reAssessment.Id;
        FinalGrade = reAssessment.Grade;
        CompletedBy = by;
        CompletedAt = at;
        Revision++;
    }

    private void EnsureOpen()
    {
        if (!IsOpen)
        {
            throw new InvalidOperationException($"Remediation case {Id} is {Status}.");
        }
    }
}

/// <summary>A step of the work (进展): the day it happened, what was done, who recorded it.</summary>
public sealed class RemediationProgress
{
    public long Id { get; private set; }
    public Guid RemediationCaseId { get; init; }
    public DateOnly On { get; init; }
    public string Text { get; init; } = "";
    public string By { get; init; } = "";
    public DateTimeOffset At { get; init; }
}
