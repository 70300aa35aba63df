using System.Text.RegularExpressions;
using Xichou.ServiceDefaults.Http;

namespace Xichou.Monitoring.Model.Support;

/// <summary>A cadre to add to the pairing list (挂钩干部): the platform user name they sign in with, name, work unit, rank.</summary>
public sealed record CreateCadreRequest(string? UserName, string? Name, string? WorkUnit, string? Rank);

public sealed record PairCadreRequest(Guid? HouseholdId);

/// <summary>A household's microcredit need (贷款需求): what for and how much.</summary>
public sealed record RecordLoanNeedRequest(string? Purpose, decimal? Amount);

/// <summary>The next step of a loan: applied (with the lender), approved, disbursed, or declined (with a reason).</summary>
public sealed record ChangeLoanStatusRequest(string? Status, string? Lender, decimal? Amount, string? Reason);

/// <summary>
/// A call to the 两不愁三保障 hotline (举报电话) about a household, named by its code or id; or, about a household that is
/// not on the register (漏评), named by its village committee's code (and the person named, if any) and no household.
/// </summary>
public sealed record HotlineComplaintRequest(
    string? HouseholdCode, Guid? HouseholdId, string? Content, string? CallerPhone, string? VillageCode = null, string? PersonName = null)
{
    /// <summary>About a household not on the register: a village and no household.</summary>
    public bool IsAboutMissedHousehold() => string.IsNullOrWhiteSpace(HouseholdCode) && HouseholdId is null && !string.IsNullOrWhiteSpace(VillageCode);
}

/// <summary>The township's decision on a reported missed household: <c>included</c> (纳入重点监测) or <c>notIncluded</c>, and why.</summary>
public sealed record InclusionDecisionRequest(string? Decision, string? Reason);

public static partial class SupportValidation
{
    /// <summary>The complaint's words go into the risk's explanation ("举报电话：…"), which holds 500 characters.</summary>
    public const int MaxComplaintLength = 480;

    public const int MaxPersonNameLength = 64;

    public const int MaxReasonLength = 200;

    /// <summary>As long as the register's column for a household's code.</summary>
    public const int MaxHouseholdCodeLength = 32;

    public static ValidationErrors Validate(CreateCadreRequest request)
    {
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(request.UserName))
        {
            errors.Add("userName", "用户名必填", "The user name is required.");
        }
        else if (!UserNamePattern().IsMatch(request.UserName.Trim()))
        {
            errors.Add("userName", "用户名只能由小写字母、数字和连字符组成（2–64位）", "A user name is 2–64 lower-case letters, digits and hyphens.");
        }
        Text(errors, "name", request.Name, 64, "姓名", "The name");
        Text(errors, "workUnit", request.WorkUnit, 100, "工作单位", "The work unit");
        if (!SupportNames.TryParseRank(request.Rank, out _))
        {
            errors.Add("rank", "职级须为副科级及以上：deputy-section、section、deputy-county、county",
                $"The rank is deputy-section level or above: {string.Join(", ", SupportNames.RankWires)}.");
        }
        return errors;
    }

    /// <param name="maxLoanYuan">扶贫小额信贷's cap from the policy in force (<see cref="Policy.MonitoringPolicy.MaxLoanYuan"/>).</param>
    public static ValidationErrors Validate(RecordLoanNeedRequest request, decimal maxLoanYuan)
    {
        var errors = new ValidationErrors();
        Text(errors, "purpose", request.Purpose, 200, "贷款用途", "The purpose");
        Amount(errors, request.Amount, required: true, maxLoanYuan);
        return errors;
    }

    /// <param name="maxLoanYuan">扶贫小额信贷's cap from the policy in force (<see cref="Policy.MonitoringPolicy.MaxLoanYuan"/>).</param>
    public static ValidationErrors Validate(ChangeLoanStatusRequest request, decimal maxLoanYuan)
    {
        var errors = new ValidationErrors();
        if (!SupportNames.TryParseStatus(request.Status, out var status) || status == LoanStatus.Need)
        {
            errors.Add("status", "状态须为 applied、approved、disbursed 或 declined", "The status is applied, approved, disbursed or declined.");
        }
        if (status == LoanStatus.Applied && !SupportNames.TryParseLender(request.Lender, out _))
        {
            errors.Add("lender", "申请贷款须选择贷款机构：credit-union（县信用社）或 agricultural-bank（县农行）",
                "An application names its lender: credit-union or agricultural-bank.");
        }
        else if (request.Lender is not null && !SupportNames.TryParseLender(request.Lender, out _))
        {
            errors.Add("lender", "贷款机构须为 credit-union 或 agricultural-bank", "The lender is credit-union or agricultural-bank.");
        }
        if (status == LoanStatus.Declined)
        {
            Text(errors, "reason", request.Reason, 200, "未获批原因", "The reason for declining");
        }
        Amount(errors, request.Amount, required: false, maxLoanYuan);
        return errors;
    }

    public static ValidationErrors Validate(HotlineComplaintRequest request)
    {
        var errors = new ValidationErrors();
        var namesHousehold = !string.IsNullOrWhiteSpace(request.HouseholdCode) || request.HouseholdId is not null;
        if (!namesHousehold && string.IsNullOrWhiteSpace(request.VillageCode))
        {
            errors.Add("householdCode", "请填写被反映农户的户编号；反映未纳入监测的农户（漏评）请填写其所在村委会",
                "The household's code (or id) is required; for a household not on the register, its villageCode.");
        }
        if (!string.IsNullOrWhiteSpace(request.VillageCode))
        {
            if (namesHousehold)
            {
                // The rule is about both fields: each one given is named, so a client sees which to drop.
                const string Chinese = "已填写户编号的来电不填村委会：村委会只用于反映未纳入监测的农户";
                const string English = "Give either a household (code or id) or, for a household not on the register, a villageCode; not both.";
                errors.Add("villageCode", Chinese, English);
                if (!string.IsNullOrWhiteSpace(request.HouseholdCode))
                {
                    errors.Add("householdCode", Chinese, English);
                }
                if (request.HouseholdId is not null)
                {
                    errors.Add("householdId", Chinese, English);
                }
            }
            else if (!Contracts.Villages.IsKnown(request.VillageCode.Trim()))
            {
                errors.Add("villageCode", "不是西畴县的村委会代码", "Not a village committee code of Xichou County.");
            }
        }
        if (request.PersonName is { } person && person.Trim().Length > MaxPersonNameLength)
        {
            errors.Add("personName", $"被反映人姓名不能超过{MaxPersonNameLength}个字", $"The person's name is at most {MaxPersonNameLength} characters.");
        }
        else if (request.HouseholdCode is { } code && code.Trim().Length > MaxHouseholdCodeLength)
        {
            // Checked even when the id names the household: a code no household can have is a mistake, not something to ignore.
            errors.Add("householdCode", $"户编号不能超过{MaxHouseholdCodeLength}个字符", $"A household code is at most {MaxHouseholdCodeLength} characters.");
        }
        Text(errors, "content", request.Content, MaxComplaintLength, "反映内容", "The complaint");
        if (!string.IsNullOrWhiteSpace(request.CallerPhone) && !PhonePattern().IsMatch(request.CallerPhone.Trim()))
        {
            errors.Add("callerPhone", "来电号码应为7–20位数字（可含连字符）", "The caller's phone is 7–20 digits (hyphens allowed).");
        }
        return errors;
    }

    public static ValidationErrors Validate(InclusionDecisionRequest request)
    {
        var errors = new ValidationErrors();
        if (!InclusionDecisions.TryParseDecision(request.Decision, out _))
        {
            errors.Add("decision", "核查结论须为 included（纳入重点监测）或 notIncluded（不纳入）",
                "The decision is included (taken into monitoring) or notIncluded.");
        }
        Text(errors, "reason", request.Reason, MaxReasonLength, "理由", "The reason");
        return errors;
    }

    private static void Amount(ValidationErrors errors, decimal? amount, bool required, decimal maxLoanYuan)
    {
        if (amount is null)
        {
            if (required)
            {
                errors.Add("amount", "贷款金额必填", "The amount is required.");
            }
        }
        else if (amount <= 0 || amount > maxLoanYuan)
        {
            errors.Add("amount", $"扶贫小额信贷金额应在 1 至 {maxLoanYuan:0} 元之间", $"A microcredit loan is between 1 and {maxLoanYuan:0} yuan.");
        }
    }

    private static void Text(ValidationErrors errors, string field, string? value, int max, string chinese, string english)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, $"{chinese}必填", $"{english} is required.");
        }
        else if (value.Trim().Length > max)
        {
            errors.Add(field, $"{chinese}不能超过{max}个字", $"{english} is at most {max} characters.");
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,63}$")]
    private static partial Regex UserNamePattern();

    [GeneratedRegex("^[0-9][0-9-]{6,19}$")]
    private static partial Regex PhonePattern();
}
