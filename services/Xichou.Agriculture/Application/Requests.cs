using System.Globalization;
using Xichou.Agriculture.Model;
using Xichou.Agriculture.Policy;
using Xichou.ServiceDefaults.Http;

namespace Xichou.Agriculture.Application;

/// <summary>
/// An industry subsidy application: <c>{ industry, plan, costYuan, atHome, wishesToDevelop }</c>; atHome and wishesToDevelop
/// default to true (an application is the wish; the applicant declares being at home), and false for either is refused.
/// </summary>
public sealed record IndustryApplicationRequest(string? Industry, string? Plan, decimal? CostYuan, bool? AtHome = null, bool? WishesToDevelop = null);

/// <summary>Approval of an application: <c>{ note }</c>, optional.</summary>
public sealed record ApproveRequest(string? Note);

/// <summary>Payment of an approved application: <c>{ paidOn: yyyy-MM-dd, voucher }</c>.</summary>
public sealed record PayRequest(DateOnly? PaidOn, string? Voucher);

/// <summary>Refusal of an application that is not paid: <c>{ reason }</c>.</summary>
public sealed record RefuseRequest(string? Reason);

/// <summary>The industries a household runs (产业摸排): <c>{ surveyedOn, industries: [{ industry, scale, unit }] }</c>; it replaces the last survey.</summary>
public sealed record IndustrySurveyRequest(DateOnly? SurveyedOn, IReadOnlyList<IndustryRunRequest>? Industries);

public sealed record IndustryRunRequest(string? Industry, decimal? Scale, string? Unit);

/// <summary>A 双绑 linkage: <c>{ partnerName, partnerKind: cooperative|leading-enterprise, benefits: [dividends|orders|jobs], boundOn }</c>.</summary>
public sealed record LinkageRequest(string? PartnerName, string? PartnerKind, IReadOnlyList<string>? Benefits, DateOnly? BoundOn);

/// <summary>An agricultural insurance policy: <c>{ industry, scale, unit: mu|head, insurer, policyNumber, startsOn, endsOn }</c>.</summary>
public sealed record InsurancePolicyRequest(
    string? Industry, decimal? Scale, string? Unit, string? Insurer, string? PolicyNumber, DateOnly? StartsOn, DateOnly? EndsOn);

/// <summary>A loss on an insured industry: <c>{ occurredOn, cause, amountYuan }</c>.</summary>
public sealed record LossClaimRequest(DateOnly? OccurredOn, string? Cause, decimal? AmountYuan);

public sealed record ApplicationFacts(string Industry, string Plan, decimal CostYuan);

public sealed record LinkageFacts(string PartnerName, PartnerKind Kind, IReadOnlyList<LinkageBenefit> Benefits, DateOnly BoundOn);

public sealed record IndustryRunFacts(string Industry, decimal Scale, string Unit);

public sealed record PolicyFacts(string Industry, decimal Scale, string Unit, string Insurer, string? PolicyNumber, DateOnly StartsOn, DateOnly EndsOn);

public sealed record ClaimFacts(DateOnly OccurredOn, string Cause, decimal AmountYuan);

/// <summary>
/// The checks of every agriculture request, as plain functions (no database, no clock): each bad field is named in Chinese
/// and English under its JSON name, and a request with any error stores nothing.
/// </summary>
public static class AgricultureValidation
{
    public const decimal MaxScale = 1_000_000m;
    public const decimal MaxClaimYuan = 10_000_000m;
    public const int MaxIndustries = 20;
    public static readonly string[] Units = ["mu", "head"];

    public static ApplicationFacts? Application(IndustryApplicationRequest request, AgriculturePolicy policy, ValidationErrors errors)
    {
        var industry = Industry(errors, "industry", request.Industry, policy.SubsidyIndustries);
        var planOk = TryText(errors, "plan", request.Plan, IndustryApplication.MaxPlanLength, "产业发展计划", "The plan", required: true, out var plan);
        var cost = Money(errors, "costYuan", request.CostYuan, policy.MaxCostYuan, "产业发展成本（元）", "The industry cost in yuan");
        if (request.AtHome == false)
        {
            errors.Add("atHome", "措施四只补助在家有劳动能力、有产业发展意愿的农户：外出的农户不予产业补助",
                "措施四 subsidises households at home (在家) only.");
        }
        if (request.WishesToDevelop == false)
        {
            errors.Add("wishesToDevelop", "措施四只补助有产业发展意愿的农户", "措施四 subsidises households that wish to develop an industry.");
        }
        return industry is not null && planOk && cost is { } c && request.AtHome != false && request.WishesToDevelop != false
            ? new ApplicationFacts(industry, plan!, c) : null;
    }

    public static string? Note(string? note, ValidationErrors errors) =>
        TryText(errors, "note", note, IndustryApplication.MaxNoteLength, "审批意见", "The note", required: false, out var text) ? text : null;

    public static (DateOnly On, string Voucher)? Payment(PayRequest request, DateOnly today, DateOnly appliedOn, ValidationErrors errors)
    {
        var on = Day(errors, "paidOn", request.PaidOn, "发放日期", "The payment date", today, appliedOn, "申请日期", "the application");
        var voucherOk = TryText(errors, "voucher", request.Voucher, IndustryApplication.MaxVoucherLength, "凭证号", "The voucher number", required: true, out var voucher);
        return on is { } day && voucherOk ? (day, voucher!) : null;
    }

    public static string? Refusal(RefuseRequest request, ValidationErrors errors) =>
        TryText(errors, "reason", request.Reason, IndustryApplication.MaxReasonLength, "不予补助的理由", "The reason", required: true, out var reason)
            ? reason : null;

    public static (DateOnly On, IReadOnlyList<IndustryRunFacts> Industries)? Survey(IndustrySurveyRequest request, AgriculturePolicy policy,
        DateOnly today, DateOnly registeredOn, ValidationErrors errors)
    {
        var on = Day(errors, "surveyedOn", request.SurveyedOn, "摸排日期", "The survey date", today, registeredOn, "该户纳入监测的日期", "the household's registration");
        var runs = new List<IndustryRunFacts>();
        if (request.Industries is null)
        {
            errors.Add("industries", "产业清单必填（没有产业时填空清单）", "The list of industries is required (empty if none).");
        }
        else if (request.Industries.Count > MaxIndustries)
        {
            errors.Add("industries", $"产业不能超过{MaxIndustries}项", $"At most {MaxIndustries} industries.");
        }
        else
        {
            for (var i = 0; i < request.Industries.Count; i++)
            {
                var run = request.Industries[i];
                var prefix = $"industries[{i}]";
                if (run is null)
                {
                    errors.Add(prefix, "产业不能为空", "An industry is required.");
                    continue;
                }
                var known = policy.SubsidyIndustries.Concat(policy.KeyIndustries).Distinct().ToList();
                var industry = Industry(errors, $"{prefix}.industry", run.Industry, known);
                var scale = Positive(errors, $"{prefix}.scale", run.Scale, MaxScale, "规模", "The scale");
                var unit = Unit(errors, $"{prefix}.unit", run.Unit);
                if (industry is not null && runs.Any(r => r.Industry == industry))
                {
                    errors.Add($"{prefix}.industry", $"{industry}重复填写", $"{industry} is listed twice.");
                    continue;
                }
                if (industry is not null && scale is { } s && unit is not null)
                {
                    runs.Add(new IndustryRunFacts(industry, s, unit));
                }
            }
        }
        return on is { } day && errors.IsEmpty ? (day, runs) : null;
    }

    public static LinkageFacts? Linkage(LinkageRequest request, DateOnly today, DateOnly registeredOn, ValidationErrors errors)
    {
        var nameOk = TryText(errors, "partnerName", request.PartnerName, Model.Linkage.MaxPartnerNameLength, "合作社或龙头企业名称",
            "The cooperative's or enterprise's name", required: true, out var name);
        var kind = WireName.ParseKebab<PartnerKind>(request.PartnerKind?.Trim());
        if (kind is null)
        {
            errors.Add("partnerKind", "主体类型只能是 cooperative（合作社）或 leading-enterprise（龙头企业）",
                "The partner kind is cooperative or leading-enterprise.");
        }
        var benefits = new List<LinkageBenefit>();
        if (request.Benefits is not { Count: > 0 })
        {
            errors.Add("benefits", "至少选择一种联结方式：dividends（分红）、orders（订单收购）、jobs（务工就业）",
                "Name at least one benefit: dividends, orders or jobs.");
        }
        else
        {
            foreach (var text in request.Benefits)
            {
                if (WireName.ParseKebab<LinkageBenefit>(text?.Trim()) is { } benefit)
                {
                    if (!benefits.Contains(benefit))
                    {
                        benefits.Add(benefit);
                    }
                }
                else
                {
                    errors.Add("benefits", "联结方式只能是 dividends（分红）、orders（订单收购）或 jobs（务工就业）",
                        "A benefit is dividends, orders or jobs.");
                    break;
                }
            }
        }
        var on = Day(errors, "boundOn", request.BoundOn, "绑定日期", "The binding date", today, null, "", "");
        return nameOk && kind is { } k && on is { } day && errors.IsEmpty ? new LinkageFacts(name!, k, benefits, day) : null;
    }

    public static PolicyFacts? Insurance(InsurancePolicyRequest request, AgriculturePolicy policy, ValidationErrors errors)
    {
        var industry = Industry(errors, "industry", request.Industry, policy.KeyIndustries);
        var scale = Positive(errors, "scale", request.Scale, MaxScale, "参保规模", "The insured scale");
        var unit = Unit(errors, "unit", request.Unit);
        var insurerOk = TryText(errors, "insurer", request.Insurer, InsurancePolicy.MaxInsurerLength, "承保机构", "The insurer", required: true, out var insurer);
        var numberOk = TryText(errors, "policyNumber", request.PolicyNumber, InsurancePolicy.MaxPolicyNumberLength, "保单号", "The policy number",
            required: false, out var number);
        if (request.StartsOn is null)
        {
            errors.Add("startsOn", "保险起期必填", "The policy's start date is required.");
        }
        if (request.EndsOn is null)
        {
            errors.Add("endsOn", "保险止期必填", "The policy's end date is required.");
        }
        else if (request.StartsOn is { } start && request.EndsOn < start)
        {
            errors.Add("endsOn", "保险止期不能早于起期", "The end date cannot be before the start date.");
        }
        else if (request.StartsOn is { } from && request.EndsOn > from.AddYears(5))
        {
            errors.Add("endsOn", "保险期间不能超过5年", "A policy period is at most five years.");
        }
        return industry is not null && scale is { } s && unit is not null && insurerOk && numberOk && errors.IsEmpty
            ? new PolicyFacts(industry, s, unit, insurer!, number, request.StartsOn!.Value, request.EndsOn!.Value) : null;
    }

    public static ClaimFacts? Claim(LossClaimRequest request, InsurancePolicy policy, DateOnly today, ValidationErrors errors)
    {
        var on = Day(errors, "occurredOn", request.OccurredOn, "出险日期", "The date of the loss", today, policy.StartsOn, "保险起期", "the policy's start");
        if (on is { } day && day > policy.EndsOn)
        {
            errors.Add("occurredOn", $"出险日期不在保险期间内（止期 {Format(policy.EndsOn)}）", $"The loss is after the policy ended ({Format(policy.EndsOn)}).");
            on = null;
        }
        var causeOk = TryText(errors, "cause", request.Cause, LossClaim.MaxCauseLength, "出险原因", "The cause", required: true, out var cause);
        var amount = Money(errors, "amountYuan", request.AmountYuan, MaxClaimYuan, "损失金额（元）", "The loss in yuan");
        return on is { } d && causeOk && amount is { } a ? new ClaimFacts(d, cause!, a) : null;
    }

    public static string Format(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string? Industry(ValidationErrors errors, string field, string? text, IReadOnlyCollection<string> known)
    {
        var industry = text?.Trim();
        if (string.IsNullOrEmpty(industry))
        {
            errors.Add(field, "产业必填", "The industry is required.");
            return null;
        }
        if (!known.Contains(industry, StringComparer.Ordinal))
        {
            errors.Add(field, $"产业只能是：{string.Join("、", known)}", $"The industry is one of the policy's: {string.Join(", ", known)}.");
            return null;
        }
        return industry;
    }

    private static string? Unit(ValidationErrors errors, string field, string? text)
    {
        var unit = text?.Trim().ToLowerInvariant();
        if (unit is null || !Units.Contains(unit))
        {
            errors.Add(field, "规模单位只能是 mu（亩）或 head（头/只）", "The unit is mu or head.");
            return null;
        }
        return unit;
    }

    /// <summary>Yuan greater than 0, at most two places, not over <paramref name="max"/>.</summary>
    private static decimal? Money(ValidationErrors errors, string field, decimal? value, decimal max, string chinese, string english)
    {
        if (value is not { } yuan)
        {
            errors.Add(field, $"{chinese}必填", $"{english} is required.");
            return null;
        }
        if (yuan <= 0)
        {
            errors.Add(field, $"{chinese}必须大于0", $"{english} must be greater than 0.");
            return null;
        }
        if (yuan > max)
        {
            errors.Add(field, $"{chinese}不能超过{max:0}元", $"{english} is at most {max:0}.");
            return null;
        }
        if (decimal.Round(yuan, 2) != yuan)
        {
            errors.Add(field, $"{chinese}最多两位小数（到分）", $"{english} has at most two decimal places (fen).");
            return null;
        }
        return yuan;
    }

    private static decimal? Positive(ValidationErrors errors, string field, decimal? value, decimal max, string chinese, string english)
    {
        if (value is not { } number)
        {
            errors.Add(field, $"{chinese}必填", $"{english} is required.");
            return null;
        }
        if (number <= 0 || number > max)
        {
            errors.Add(field, $"{chinese}应大于0且不超过{max:0}", $"{english} is greater than 0 and at most {max:0}.");
            return null;
        }
        if (decimal.Round(number, 2) != number)
        {
            errors.Add(field, $"{chinese}最多两位小数", $"{english} has at most two decimal places.");
            return null;
        }
        return number;
    }

    private static DateOnly? Day(ValidationErrors errors, string field, DateOnly? value, string chinese, string english, DateOnly today,
        DateOnly? floor, string floorChinese, string floorEnglish)
    {
        if (value is not { } day)
        {
            errors.Add(field, $"{chinese}必填", $"{english} is required.");
            return null;
        }
        if (day > today)
        {
            errors.Add(field, $"{chinese}不能晚于今天（{Format(today)}）", $"{english} cannot be in the future (today is {Format(today)} in Beijing).");
            return null;
        }
        if (floor is { } earliest && day < earliest)
        {
            errors.Add(field, $"{chinese}不能早于{floorChinese}（{Format(earliest)}）", $"{english} cannot be before {floorEnglish} ({Format(earliest)}).");
            return null;
        }
        return day;
    }

    private static bool TryText(ValidationErrors errors, string field, string? value, int max, string chinese, string english, bool required,
        out string? text)
    {
        text = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        if (text is null)
        {
            if (required)
            {
                errors.Add(field, $"{chinese}必填", $"{english} is required.");
                return false;
            }
            return true;
        }
        if (text.Length > max)
        {
            errors.Add(field, $"{chinese}不能超过{max}个字", $"{english} is at most {max} characters.");
            return false;
        }
        return true;
    }
}
