using Xichou.Monitoring.Policy;

namespace Xichou.Monitoring.Model;

/// <summary>The level that owns a risk (村 → 乡镇 → 县).</summary>
public enum RiskLevel
{
    Village,
    Township,
    County,
}

public enum RiskStatus
{
    Open,
    Closed,
}

/// <summary>Where a risk came from.</summary>
public enum RiskSource
{
    Visit,
    CadreVisit,
    Department,
    Hotline,
}

/// <summary>
/// A risk on the risk register (风险台账): what, why, how severe, which level owns it now, the measures taken
/// (措施台账), its escalations, and — only after a verification visit met the exit rule — who closed it and when.
/// </summary>
public sealed class Risk
{
    public Guid Id { get; private set; }
    public Guid HouseholdId { get; private set; }
    public RiskCategory Category { get; private set; }
    public ExpenseCause? Cause { get; private set; }
    public BasicNeed? Need { get; private set; }
    public RiskSeverity Severity { get; private set; }

    /// <summary>The rule that fired (e.g. expense-spike) or the department that reported it.</summary>
    public string Rule { get; private set; } = "";

    /// <summary>The numbers behind it, in Chinese.</summary>
    public string Explanation { get; private set; } = "";

    public RiskSource Source { get; private set; }

    /// <summary>The visit, complaint or department message that raised it.</summary>
    public Guid? SourceId { get; private set; }

    public RiskLevel Level { get; private set; }

    /// <summary>When the current level took it over; the escalation clock runs from here. A concurrency token, so two replicas cannot both escalate it.</summary>
    public DateTimeOffset LevelSince { get; private set; }

    public RiskStatus Status { get; private set; }
    public DateTimeOffset OpenedAt { get; private set; }
    public string OpenedBy { get; private set; } = "";
    public DateTimeOffset? ClosedAt { get; private set; }
    public string? VerifiedBy { get; private set; }
    public Guid? VerificationVisitId { get; private set; }

    /// <summary>How it closed, when not by a verification visit: a department's re-check (FindingCleared) in its own words.</summary>
    public string? Resolution { get; private set; }

    /// <summary>
    /// The policy version that judged it: for a visit's risk the version in force on the visit date, otherwise the one in
    /// force the day it reached the register.
    /// </summary>
    public string PolicyVersion { get; private set; } = "";

    public List<RiskMeasure> Measures { get; private set; } = [];
    public List<RiskEscalation> Escalations { get; private set; } = [];

    public static Risk Open(Guid householdId, FoundRisk found, RiskSource source, Guid? sourceId, string openedBy, DateTimeOffset now, string policyVersion) => new()
    {
        PolicyVersion = policyVersion,
        Id = Guid.CreateVersion7(now),
        HouseholdId = householdId,
        Category = found.Category,
        Cause = found.Cause,
        Need = found.Need,
        Severity = found.Severity,
        Rule = found.Rule,
        Explanation = found.Explanation,
        Source = source,
        SourceId = sourceId,
        Level = RiskLevel.Village,
        LevelSince = now,
        Status = RiskStatus.Open,
        OpenedAt = now,
        OpenedBy = openedBy,
    };

    public RiskMeasure AddMeasure(string text, string by, DateTimeOffset at)
    {
        var measure = new RiskMeasure { RiskId = Id, At = at, By = by, Text = text };
        Measures.Add(measure);
        return measure;
    }

    /// <summary>Hands the risk to the next level (村 → 乡镇 → 县); false at the county, which has no level above.</summary>
    public bool EscalateUp(bool automatic, string by, string reason, DateTimeOffset at)
    {
        if (Status != RiskStatus.Open || Level == RiskLevel.County)
        {
            return false;
        }
        var from = Level;
        Level = from + 1;
        LevelSince = at;
        Escalations.Add(new RiskEscalation { RiskId = Id, At = at, From = from, To = Level, Automatic = automatic, By = by, Reason = reason });
        return true;
    }

    /// <summary>
    /// Whether a verification visit can close it: only what the monitoring team itself found on a visit. A department's
    /// finding closes through its referral and the department's own re-check (<see cref="CloseCleared"/>), a hotline
    /// complaint through its own handling.
    /// </summary>
    public bool ClosesOnVerification => Source is RiskSource.Visit or RiskSource.CadreVisit;

    /// <summary>Closes a department's finding that no longer holds (FindingCleared); false when it was closed already.</summary>
    public bool CloseCleared(string resolution, string clearedBy, DateTimeOffset at)
    {
        if (Status != RiskStatus.Open)
        {
            return false;
        }
        Status = RiskStatus.Closed;
        ClosedAt = at;
        VerifiedBy = clearedBy;
        Resolution = resolution;
        return true;
    }

    /// <summary>Closes the risk on a verification visit that met the exit rule; the caller has checked the rule.</summary>
    public void CloseVerified(Visit verification, string verifiedBy, DateTimeOffset at)
    {
        Status = RiskStatus.Closed;
        ClosedAt = at;
        VerifiedBy = verifiedBy;
        VerificationVisitId = verification.Id;
    }
}

/// <summary>One measure taken against a risk (帮扶措施), in the measures ledger.</summary>
public sealed class RiskMeasure
{
    public long Id { get; set; }
    public Guid RiskId { get; set; }
    public DateTimeOffset At { get; set; }
    public string By { get; set; } = "";
    public string Text { get; set; } = "";
}

/// <summary>A risk handed up a level, by a user (reported) or by the clock (past the policy period).</summary>
public sealed class RiskEscalation
{
    public long Id { get; set; }
    public Guid RiskId { get; set; }
    public DateTimeOffset At { get; set; }
    public RiskLevel From { get; set; }
    public RiskLevel To { get; set; }
    public bool Automatic { get; set; }
    public string By { get; set; } = "";
    public string Reason { get; set; } = "";
}
