using Xichou.Monitoring.Policy;

namespace Xichou.Monitoring.Model;

/// <summary>Why a visit was made.</summary>
public enum VisitKind
{
    /// <summary>The half-monthly monitoring visit (措施一).</summary>
    Routine,

    /// <summary>A visit that checks the exit rule before open risks close (核实).</summary>
    Verification,

    /// <summary>A pairing cadre's "回头看、回头帮" visit (措施二): counted for pairing, not for the half-month cycle.</summary>
    Cadre,
}

public static class VisitKinds
{
    /// <summary>措施一's half-month visit is the village monitoring team's: routine and verification visits keep the cycle, a cadre's does not.</summary>
    public static bool KeepsTheCycle(this VisitKind kind) => kind != VisitKind.Cadre;
}

/// <summary>A visit to a household (走访) and what it found: the 两不愁三保障 checks, income, rigid expenses.</summary>
public sealed class Visit
{
    public Guid Id { get; private set; }
    public Guid HouseholdId { get; private set; }
    public VisitKind Kind { get; private set; }
    public DateOnly VisitedOn { get; private set; }

    /// <summary>Who went (names as written on the visit sheet).</summary>
    public string Visitors { get; private set; } = "";

    public bool FoodSecured { get; private set; }
    public bool ClothingSecured { get; private set; }
    public bool CompulsorySchoolingSecured { get; private set; }
    public bool MedicalCareSecured { get; private set; }
    public bool HousingSecured { get; private set; }
    public bool DrinkingWaterSecured { get; private set; }

    /// <summary>人均纯收入 (yuan per person per year) as found on this visit.</summary>
    public decimal PerCapitaIncome { get; private set; }

    /// <summary>The figure of the visit before this one by visit date (the registered figure before the first), for the income-drop rule.</summary>
    public decimal? PreviousPerCapitaIncome { get; private set; }

    /// <summary>What the visitor gave as the cause of an income drop (因病、因灾、因祸、因学 or other), if they gave one.</summary>
    public ExpenseCause? IncomeDropCause { get; private set; }

    /// <summary>The policy version in force on the visit date, which judged it (<see cref="MonitoringPolicies.InForceOn"/>).</summary>
    public string PolicyVersion { get; private set; } = "";

    public List<VisitExpense> Expenses { get; private set; } = [];

    public string? Notes { get; private set; }
    public string RecordedBy { get; private set; } = "";
    public DateTimeOffset RecordedAt { get; private set; }

    public IReadOnlySet<BasicNeed> Unmet
    {
        get
        {
            var unmet = new HashSet<BasicNeed>();
            if (!FoodSecured) { unmet.Add(BasicNeed.Food); }
            if (!ClothingSecured) { unmet.Add(BasicNeed.Clothing); }
            if (!CompulsorySchoolingSecured) { unmet.Add(BasicNeed.CompulsorySchooling); }
            if (!MedicalCareSecured) { unmet.Add(BasicNeed.MedicalCare); }
            if (!HousingSecured) { unmet.Add(BasicNeed.SafeHousing); }
            if (!DrinkingWaterSecured) { unmet.Add(BasicNeed.SafeDrinkingWater); }
            return unmet;
        }
    }

    /// <param name="householdSize">Members of the household, for its annual income.</param>
    /// <param name="earlierExpenses">Rigid expenses recorded on other visits since the last monitoring-team visit before this one.</param>
    public VisitFindings FindingsFor(int householdSize, IEnumerable<VisitExpense>? earlierExpenses = null) => new(
        Unmet, PerCapitaIncome, PreviousPerCapitaIncome, householdSize, [.. Expenses.Select(e => (e.Cause, e.Amount))])
    {
        EarlierExpenses = [.. (earlierExpenses ?? []).Select(e => (e.Cause, e.Amount))],
        IncomeDropCause = IncomeDropCause,
    };

    public static Visit Record(Guid householdId, VisitKind kind, DateOnly visitedOn, string visitors, IReadOnlySet<BasicNeed> unmet,
        decimal perCapitaIncome, decimal? previousPerCapitaIncome, IEnumerable<VisitExpense> expenses, string? notes,
        string recordedBy, DateTimeOffset recordedAt, string policyVersion, ExpenseCause? incomeDropCause = null) => new()
    {
        PolicyVersion = policyVersion,
        IncomeDropCause = incomeDropCause,
        Id = Guid.CreateVersion7(recordedAt),
        HouseholdId = householdId,
        Kind = kind,
        VisitedOn = visitedOn,
        Visitors = visitors,
        FoodSecured = !unmet.Contains(BasicNeed.Food),
        ClothingSecured = !unmet.Contains(BasicNeed.Clothing),
        CompulsorySchoolingSecured = !unmet.Contains(BasicNeed.CompulsorySchooling),
        MedicalCareSecured = !unmet.Contains(BasicNeed.MedicalCare),
        HousingSecured = !unmet.Contains(BasicNeed.SafeHousing),
        DrinkingWaterSecured = !unmet.Contains(BasicNeed.SafeDrinkingWater),
        PerCapitaIncome = perCapitaIncome,
        PreviousPerCapitaIncome = previousPerCapitaIncome,
        Expenses = [.. expenses],
        Notes = notes,
        RecordedBy = recordedBy,
        RecordedAt = recordedAt,
    };
}

/// <summary>A rigid expenditure found on a visit (刚性支出): its cause and amount in yuan.</summary>
public sealed class VisitExpense
{
    public ExpenseCause Cause { get; set; }
    public decimal Amount { get; set; }
    public string? Note { get; set; }
}
