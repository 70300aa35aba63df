namespace Xichou.Monitoring.Model.Support;

/// <summary>What the township decided about a household reported as missed: still to check, taken into monitoring, or not.</summary>
public enum InclusionDecision
{
    Pending,
    Included,
    NotIncluded,
}

/// <summary>Wire names and Chinese labels of <see cref="InclusionDecision"/>, as the catalogue (<see cref="Names"/>) defines them.</summary>
public static class InclusionDecisions
{
    public static string Wire(InclusionDecision decision) => Names.InclusionDecisions.Wire(decision);

    public static string Chinese(InclusionDecision decision) => Names.InclusionDecisions.Label(decision);

    /// <summary>The two decisions a township can take (not <c>pending</c>).</summary>
    public static bool TryParseDecision(string? wire, out InclusionDecision decision)
    {
        if (Names.InclusionDecisions.TryParseWire(wire, out decision) && decision != InclusionDecision.Pending)
        {
            return true;
        }
        decision = InclusionDecision.Pending;
        return false;
    }
}

/// <summary>
/// 漏评核查: a hotline call about a household that is not on the register (someone missed). It is the township's to check:
/// take the household into monitoring (纳入重点监测) or not, with the reason, who decided and when. Decided once.
/// </summary>
public sealed class InclusionCheck
{
    public Guid Id { get; private set; }
    public string TownshipCode { get; private set; } = "";
    public string VillageCode { get; private set; } = "";

    /// <summary>Who the caller named, if anyone (the household is not on the register, so there is no code).</summary>
    public string? PersonName { get; private set; }

    public string Content { get; private set; } = "";

    /// <summary>Sensitive: the caller's contact, if given; never shown in full.</summary>
    public string? CallerPhone { get; private set; }

    public DateTimeOffset ReceivedAt { get; private set; }
    public string RecordedBy { get; private set; } = "";
    public InclusionDecision Decision { get; private set; }
    public string? Reason { get; private set; }
    public string? DecidedBy { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }

    public static InclusionCheck Open(string villageCode, string? personName, string content, string? callerPhone, string recordedBy, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at),
        TownshipCode = Contracts.Villages.TownshipOf(villageCode),
        VillageCode = villageCode,
        PersonName = personName,
        Content = content,
        CallerPhone = callerPhone,
        ReceivedAt = at,
        RecordedBy = recordedBy,
        Decision = InclusionDecision.Pending,
    };

    /// <summary>Records the township's decision; false when it was already decided (a decision is not overwritten).</summary>
    public bool Decide(InclusionDecision decision, string reason, string decidedBy, DateTimeOffset at)
    {
        if (Decision != InclusionDecision.Pending || decision == InclusionDecision.Pending)
        {
            return false;
        }
        Decision = decision;
        Reason = reason;
        DecidedBy = decidedBy;
        DecidedAt = at;
        return true;
    }
}
