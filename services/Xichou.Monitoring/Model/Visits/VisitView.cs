using Xichou.DepartmentKit.Referrals;
using Xichou.Monitoring.Application.Visits;
using Xichou.ServiceDefaults.Http;
using Xichou.Monitoring.Model.Risks;

namespace Xichou.Monitoring.Model.Visits;

public sealed record VisitExpenseView(string Cause, string CauseName, decimal Amount, string? Note);

/// <summary>
/// A visit as the API shows it; <c>unmet</c> lists the checks found not secured (camelCase need names);
/// <c>keepsCycle</c> is false for a pairing cadre's visit, which does not count for the half-month cycle;
/// <c>policyVersion</c> names the policy version in force on the visit date, which judged it.
/// </summary>
public sealed record VisitView(
    Guid Id, Guid HouseholdId, string Kind, DateOnly VisitedOn, string Visitors,
    bool Food, bool Clothing, bool CompulsorySchooling, bool MedicalCare, bool SafeHousing, bool SafeDrinkingWater,
    IReadOnlyList<string> Unmet, decimal PerCapitaIncome, decimal? PreviousPerCapitaIncome,
    IReadOnlyList<VisitExpenseView> Expenses, string? Notes, string RecordedBy, DateTimeOffset RecordedAt,
    string? IncomeDropCause, bool KeepsCycle, string PolicyVersion)
{
    public static VisitView From(Visit visit) => new(
        visit.Id, visit.HouseholdId, WireName.Of(visit.Kind), visit.VisitedOn, visit.Visitors,
        visit.FoodSecured, visit.ClothingSecured, visit.CompulsorySchoolingSecured, visit.MedicalCareSecured,
        visit.HousingSecured, visit.DrinkingWaterSecured,
        [.. visit.Unmet.Order().Select(WireName.Of)], visit.PerCapitaIncome, visit.PreviousPerCapitaIncome,
        [.. visit.Expenses.Select(e => new VisitExpenseView(WireName.Of(e.Cause), Policy.RiskRules.NameOf(e.Cause), e.Amount, e.Note))],
        visit.Notes, visit.RecordedBy, visit.RecordedAt,
        visit.IncomeDropCause is { } cause ? WireName.Of(cause) : null, visit.Kind.KeepsTheCycle(), visit.PolicyVersion);
}

/// <summary>
/// What POST /api/households/{id}/visits answers: the visit, the risks it opened, those it closed, and those that stayed
/// open although it met the exit rule, each with the referrals still open on it and why.
/// </summary>
public sealed record VisitRecordedView(
    VisitView Visit, IReadOnlyList<RiskView> OpenedRisks, IReadOnlyList<RiskView> ClosedRisks, bool ExitRuleMet, string HouseholdStatus,
    IReadOnlyList<StayedOpenView> StayedOpen)
{
    public static VisitRecordedView From(VisitOutcome.Recorded recorded, DateTimeOffset now, ReferralPolicy policy) => new(
        VisitView.From(recorded.Visit),
        [.. recorded.Opened.Select(r => RiskView.From(r, recorded.Household, recorded.Household.HeadName))],
        [.. recorded.Closed.Select(r => RiskView.From(r, recorded.Household, recorded.Household.HeadName))],
        recorded.ExitRuleMet,
        WireName.Of(recorded.Household.Status),
        [.. recorded.StayedOpen.Select(s => new StayedOpenView(RiskView.From(s.Risk, recorded.Household, recorded.Household.HeadName),
            [.. s.OpenReferrals.Select(r => LinkedReferralView.From(r, now, policy))], s.Reason))]);
}

/// <summary>A risk the visit could not close: the referrals still open on it, and the reason in Chinese and English.</summary>
public sealed record StayedOpenView(RiskView Risk, IReadOnlyList<LinkedReferralView> OpenReferrals, string Reason);

/// <summary>One line of this cycle's list (本轮走访清单): state is due, overdue or visited.</summary>
public sealed record CycleItem(
    Guid HouseholdId, string HouseholdCode, string HeadName, string Village, string? VillagerGroup, string State,
    bool Overdue, DateOnly? LastVisitOn, DateOnly DueBy, int DaysSince, int OpenRisks);

public sealed record CycleList(DateOnly Today, int CycleDays, string Scope, int Due, int Overdue, int Visited, IReadOnlyList<CycleItem> Items);
