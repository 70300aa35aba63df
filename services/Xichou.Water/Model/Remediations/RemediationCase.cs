namespace Xichou.Water.Model.Remediations;

public enum RemediationStatus
{
    Open,
    Completed,
}

/// <summary>
/// A remediation case (整改): one measure with one responsible person, for one household or for every household a supply
/// point serves (one fix for a villager group). It is completed only by a re-check that every household passes (措施十:
/// "有问题的农户逐户解决到位").
/// </summary>
public sealed class RemediationCase
{
    public const int MaxMeasureLength = 500;
    public const int MaxResponsiblePersonLength = 64;
    public const int MaxSupplyPointLength = 100;
    public const int MaxHouseholds = 200;

    public Guid Id { get; private set; }

    /// <summary>整改措施.</summary>
    public string Measure { get; private set; } = "";

    /// <summary>责任人: one person answers for the case.</summary>
    public string ResponsiblePerson { get; private set; } = "";

    /// <summary>The supply point (供水点, a spring, a pool, a village scheme) the case fixes, when it serves several households.</summary>
    public string? SupplyPoint { get; private set; }

    public RemediationStatus Status { get; private set; }

    public string OpenedBy { get; private set; } = "";
    public DateTimeOffset OpenedAt { get; private set; }

    /// <summary>The day of the re-check that completed it.</summary>
    public DateOnly? RecheckedOn { get; private set; }

    public string? CompletedBy { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }

    /// <summary>Bumped by every change; a concurrency token, so a case is completed once.</summary>
    public int Revision { get; private set; }

    public List<RemediationHousehold> Households { get; private set; } = [];

    public bool IsOpen => Status == RemediationStatus.Open;

    public static RemediationCase Open(
        string measure, string responsiblePerson, string? supplyPoint, IEnumerable<Guid> householdIds, string openedBy, DateTimeOffset now)
    {
        var remediation = new RemediationCase
        {
            Id = Guid.CreateVersion7(now),
            Measure = measure,
            ResponsiblePerson = responsiblePerson,
            SupplyPoint = supplyPoint,
            Status = RemediationStatus.Open,
            OpenedBy = openedBy,
            OpenedAt = now,
        };
        remediation.Households = [.. householdIds.Distinct().Select(id => new RemediationHousehold(remediation.Id, id))];
        return remediation;
    }

    public void Complete(DateOnly recheckedOn, string by, DateTimeOffset at)
    {
        Status = RemediationStatus.Completed;
        RecheckedOn = recheckedOn;
        CompletedBy = by;
        CompletedAt = at;
        Revision++;
    }

    public static string NameOf(RemediationStatus status) => status switch
    {
        RemediationStatus.Completed => "已完成",
        _ => "整改中",
    };
}

/// <summary>A household a remediation case serves.</summary>
public sealed class RemediationHousehold(Guid remediationId, Guid householdId)
{
    public Guid RemediationId { get; private set; } = remediationId;

    public Guid HouseholdId { get; private set; } = householdId;
}
