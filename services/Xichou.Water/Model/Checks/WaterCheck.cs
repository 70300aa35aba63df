using Xichou.Water.Policy;

namespace Xichou.Water.Model.Checks;

/// <summary>
/// One check of a household's drinking water (饮水安全排查) with the verdict it got when it was recorded: the policy of a
/// later year judges later checks, never rewrites this one.
/// </summary>
public sealed class WaterCheck
{
    public Guid Id { get; private set; }
    public Guid HouseholdId { get; private set; }
    public DateOnly CheckedOn { get; private set; }
    public decimal LitresPerPersonPerDay { get; private set; }
    public bool QualityMeetsStandard { get; private set; }
    public string? FailingItem { get; private set; }
    public bool PipedToHome { get; private set; }
    public int? FetchMinutes { get; private set; }
    public decimal? HorizontalMetres { get; private set; }
    public decimal? VerticalMetres { get; private set; }
    public int DaysWithoutSupply { get; private set; }

    /// <summary>The quantity threshold that applied: 35 L, or 20 L in a water-scarce village.</summary>
    public decimal MinLitresPerPersonPerDay { get; private set; }

    public bool WaterScarce { get; private set; }

    /// <summary>All four indicators met.</summary>
    public bool Safe { get; private set; }

    /// <summary>The remediation case this check is the completing re-check of (复查), if any.</summary>
    public Guid? RemediationId { get; private set; }

    /// <summary>
    /// The finding this check put on the county's risk register (<c>RiskIdentified.RiskId</c>), when it failed as the
    /// household's latest check: the id of its unsafe episode, shared by the failing checks that follow until the water is
    /// found safe or a case of the household is completed (see <see cref="EpisodeFindingAfter"/>).
    /// </summary>
    public Guid? FindingId { get; private set; }

    public string RecordedBy { get; private set; } = "";

    /// <summary>UTC. A <see cref="DateTime"/>, not an offset, so SQLite can order a day's checks by it.</summary>
    public DateTime RecordedAt { get; private set; }

    public List<CheckFailure> Failures { get; private set; } = [];

    public WaterMeasurements Measurements => new(
        LitresPerPersonPerDay, QualityMeetsStandard, FailingItem, PipedToHome, FetchMinutes, HorizontalMetres, VerticalMetres, DaysWithoutSupply);

    public static WaterCheck Record(
        Guid householdId, DateOnly checkedOn, WaterMeasurements measured, WaterVerdict verdict, Guid? remediationId, string recordedBy,
        DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        HouseholdId = householdId,
        CheckedOn = checkedOn,
        LitresPerPersonPerDay = measured.LitresPerPersonPerDay,
        QualityMeetsStandard = measured.QualityMeetsStandard,
        FailingItem = measured.QualityMeetsStandard ? null : measured.FailingItem,
        PipedToHome = measured.PipedToHome,
        FetchMinutes = measured.FetchMinutes,
        HorizontalMetres = measured.HorizontalMetres,
        VerticalMetres = measured.VerticalMetres,
        DaysWithoutSupply = measured.DaysWithoutSupply,
        MinLitresPerPersonPerDay = verdict.MinLitresPerPersonPerDay,
        WaterScarce = verdict.WaterScarce,
        Safe = verdict.Safe,
        RemediationId = remediationId,
        RecordedBy = recordedBy,
        RecordedAt = now.UtcDateTime,
        Failures = [.. verdict.Failures.Select(f => new CheckFailure(f.Indicator, f.Explanation))],
    };

    public bool Fails(WaterIndicator indicator) => Failures.Any(f => f.Indicator == indicator);

    public void Reported(Guid findingId) => FindingId = findingId;

    /// <summary>
    /// The finding a failing check continues, or null when it starts a new unsafe episode (and reports under its own id): the
    /// household's previous latest check failed and was reported, and no case of the household was completed since. The
    /// register de-duplicates findings by id, so one episode stays one risk however often it is checked.
    /// </summary>
    public static Guid? EpisodeFindingAfter(WaterCheck? previousLatest, IEnumerable<DateTimeOffset> casesCompletedAt)
    {
        if (previousLatest is not { Safe: false, FindingId: { } findingId })
        {
            return null;
        }
        var checkedAt = new DateTimeOffset(DateTime.SpecifyKind(previousLatest.RecordedAt, DateTimeKind.Utc));
        return casesCompletedAt.Any(completed => completed > checkedAt) ? null : findingId;
    }
}

/// <summary>An indicator a check failed, with the explanation it was given.</summary>
public sealed class CheckFailure(WaterIndicator indicator, string explanation)
{
    public const int MaxExplanationLength = 400;

    public WaterIndicator Indicator { get; private set; } = indicator;

    public string Explanation { get; private set; } = explanation;
}
