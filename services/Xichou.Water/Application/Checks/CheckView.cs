using Xichou.ServiceDefaults.Http;
using Xichou.Water.Model.Checks;
using Xichou.Water.Policy;

namespace Xichou.Water.Application.Checks;

/// <summary>One of the four indicators as a check judged it: indicator quantity|quality|convenience|supply.</summary>
public sealed record IndicatorView(string Indicator, string Name, bool Passed, string? Explanation);

/// <summary>
/// A check with its verdict per indicator. <c>failing</c> lists the failing indicators' keys; <c>findingId</c> is the risk
/// the check put on the county's register, when it did: the same id for every failing check of one unsafe episode.
/// </summary>
public sealed record CheckView(
    Guid Id, Guid HouseholdId, DateOnly CheckedOn, decimal LitresPerPersonPerDay, bool QualityMeetsStandard, string? FailingItem,
    bool PipedToHome, int? FetchMinutes, decimal? HorizontalMetres, decimal? VerticalMetres, int DaysWithoutSupply,
    decimal MinLitresPerPersonPerDay, bool WaterScarce, bool Safe, IReadOnlyList<IndicatorView> Indicators, IReadOnlyList<string> Failing,
    Guid? FindingId, Guid? RemediationId, string RecordedBy, DateTimeOffset RecordedAt)
{
    public static CheckView From(WaterCheck check) => new(
        check.Id, check.HouseholdId, check.CheckedOn, check.LitresPerPersonPerDay, check.QualityMeetsStandard, check.FailingItem,
        check.PipedToHome, check.FetchMinutes, check.HorizontalMetres, check.VerticalMetres, check.DaysWithoutSupply,
        check.MinLitresPerPersonPerDay, check.WaterScarce, check.Safe,
        [.. Enum.GetValues<WaterIndicator>().Select(indicator => new IndicatorView(WireName.Of(indicator), WaterRules.NameOf(indicator),
            !check.Fails(indicator), check.Failures.FirstOrDefault(f => f.Indicator == indicator)?.Explanation))],
        [.. check.Failures.Select(f => f.Indicator).Order().Select(WireName.Of)],
        check.FindingId, check.RemediationId, check.RecordedBy,
        new DateTimeOffset(DateTime.SpecifyKind(check.RecordedAt, DateTimeKind.Utc)));
}
