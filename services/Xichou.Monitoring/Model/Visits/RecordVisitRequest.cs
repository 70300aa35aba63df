using System.Text.Json;
using Xichou.Monitoring.Policy;
using Xichou.ServiceDefaults.Http;

namespace Xichou.Monitoring.Model.Visits;

/// <summary>
/// A visit as the monitor writes it on the visit sheet (走访记录). The six checks are 两不愁三保障: true means secured.
/// Kind: routine | verification | cadre. Expense cause: illness | disaster | accident | schooling | other.
/// IncomeDropCause (same names) says why the income fell, when it fell by the 收入骤减 share; without it the drop is recorded as other.
/// </summary>
public sealed record RecordVisitRequest(
    string? Kind,
    DateOnly? VisitedOn,
    string? Visitors,
    bool? Food,
    bool? Clothing,
    bool? CompulsorySchooling,
    bool? MedicalCare,
    bool? SafeHousing,
    bool? SafeDrinkingWater,
    decimal? PerCapitaIncome,
    IReadOnlyList<VisitExpenseRequest>? Expenses,
    string? Notes,
    string? IncomeDropCause = null);

public sealed record VisitExpenseRequest(string? Cause, decimal? Amount, string? Note);

public static class RecordVisitValidation
{
    public const int MaxVisitorsLength = 200;
    public const int MaxNotesLength = 1000;
    public const int MaxNoteLength = 200;
    public const int MaxExpenses = 20;
    public const decimal MaxYuan = 9_999_999_999m;

    /// <summary>Field errors (JSON names) of a visit to a household registered on <paramref name="registeredOn"/>, checked on Beijing <paramref name="today"/>.</summary>
    public static ValidationErrors Validate(RecordVisitRequest request, DateOnly today, DateOnly registeredOn)
    {
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(request.Kind))
        {
            errors.Add("kind", "走访类型必填", "The kind of visit is required.");
        }
        else if (WireName.Parse<VisitKind>(request.Kind) is null)
        {
            errors.Add("kind", "走访类型应为 routine（日常走访）、verification（核实走访）或 cadre（干部回访）",
                "The kind is routine, verification or cadre.");
        }

        if (request.VisitedOn is not { } visitedOn)
        {
            errors.Add("visitedOn", "走访日期必填", "The visit date is required.");
        }
        else if (visitedOn > today)
        {
            errors.Add("visitedOn", "走访日期不能晚于今天", "The visit date cannot be in the future.");
        }
        else if (visitedOn < registeredOn)
        {
            errors.Add("visitedOn", $"走访日期不能早于纳入监测日期 {registeredOn:yyyy-MM-dd}",
                $"The visit date cannot be before the household was registered ({registeredOn:yyyy-MM-dd}).");
        }

        if (string.IsNullOrWhiteSpace(request.Visitors))
        {
            errors.Add("visitors", "走访人员必填", "Who visited is required.");
        }
        else if (request.Visitors.Trim().Length > MaxVisitorsLength)
        {
            errors.Add("visitors", $"走访人员不能超过{MaxVisitorsLength}个字", $"Visitors is at most {MaxVisitorsLength} characters.");
        }

        RequireCheck(errors, "food", request.Food, "吃", "food");
        RequireCheck(errors, "clothing", request.Clothing, "穿", "clothing");
        RequireCheck(errors, "compulsorySchooling", request.CompulsorySchooling, "义务教育", "compulsory schooling");
        RequireCheck(errors, "medicalCare", request.MedicalCare, "基本医疗", "basic medical care");
        RequireCheck(errors, "safeHousing", request.SafeHousing, "住房安全", "safe housing");
        RequireCheck(errors, "safeDrinkingWater", request.SafeDrinkingWater, "饮水安全", "safe drinking water");

        if (request.PerCapitaIncome is not { } income)
        {
            errors.Add("perCapitaIncome", "人均纯收入必填", "The per-capita income is required.");
        }
        else if (income < 0 || income > MaxYuan)
        {
            errors.Add("perCapitaIncome", "人均纯收入应为不小于0的金额（元）", "The per-capita income is an amount of yuan, not negative.");
        }

        var expenses = request.Expenses ?? [];
        if (expenses.Count > MaxExpenses)
        {
            errors.Add("expenses", $"刚性支出最多{MaxExpenses}项", $"At most {MaxExpenses} expenses.");
        }
        for (var i = 0; i < expenses.Count && i < MaxExpenses; i++)
        {
            var expense = expenses[i];
            if (expense is null)
            {
                errors.Add($"expenses[{i}]", "刚性支出不能为空", "An expense cannot be empty.");
                continue;
            }
            if (WireName.Parse<ExpenseCause>(expense.Cause) is null)
            {
                errors.Add($"expenses[{i}].cause", "支出原因应为 illness（因病）、disaster（因灾）、accident（因祸）、schooling（因学）或 other（其他）",
                    "The cause is illness, disaster, accident, schooling or other.");
            }
            if (expense.Amount is not { } amount)
            {
                errors.Add($"expenses[{i}].amount", "支出金额必填", "The amount is required.");
            }
            else if (amount <= 0 || amount > MaxYuan)
            {
                errors.Add($"expenses[{i}].amount", "支出金额应大于0（元）", "The amount is a positive number of yuan.");
            }
            if (expense.Note is { } note && note.Trim().Length > MaxNoteLength)
            {
                errors.Add($"expenses[{i}].note", $"支出说明不能超过{MaxNoteLength}个字", $"The note is at most {MaxNoteLength} characters.");
            }
        }

        if (request.IncomeDropCause is not null && WireName.Parse<ExpenseCause>(request.IncomeDropCause) is null)
        {
            errors.Add("incomeDropCause", "收入骤减原因应为 illness（因病）、disaster（因灾）、accident（因祸）、schooling（因学）或 other（其他）",
                "The cause of the income drop is illness, disaster, accident, schooling or other.");
        }

        if (request.Notes is { } notes && notes.Trim().Length > MaxNotesLength)
        {
            errors.Add("notes", $"备注不能超过{MaxNotesLength}个字", $"Notes are at most {MaxNotesLength} characters.");
        }
        return errors;
    }

    /// <summary>The checks that are not secured, from a validated request.</summary>
    public static IReadOnlySet<BasicNeed> UnmetOf(RecordVisitRequest request)
    {
        var unmet = new HashSet<BasicNeed>();
        if (request.Food == false) { unmet.Add(BasicNeed.Food); }
        if (request.Clothing == false) { unmet.Add(BasicNeed.Clothing); }
        if (request.CompulsorySchooling == false) { unmet.Add(BasicNeed.CompulsorySchooling); }
        if (request.MedicalCare == false) { unmet.Add(BasicNeed.MedicalCare); }
        if (request.SafeHousing == false) { unmet.Add(BasicNeed.SafeHousing); }
        if (request.SafeDrinkingWater == false) { unmet.Add(BasicNeed.SafeDrinkingWater); }
        return unmet;
    }

    private static void RequireCheck(ValidationErrors errors, string field, bool? value, string chinese, string english)
    {
        if (value is null)
        {
            errors.Add(field, $"“{chinese}”是否保障必填", $"Whether {english} is secured is required.");
        }
    }
}
