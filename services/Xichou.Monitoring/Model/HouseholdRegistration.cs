using Microsoft.EntityFrameworkCore;
using Xichou.Contracts;
using Xichou.Monitoring.Infrastructure;
using Xichou.Monitoring.Model.Import;
using Xichou.ServiceDefaults.Auditing;
using Xichou.ServiceDefaults.Http;

namespace Xichou.Monitoring.Model;

/// <summary>
/// A household to register; its township follows from the village committee's code. The head is member 0: from
/// <see cref="HeadName"/>/<see cref="HeadIdNumber"/> alone, or with their details from a <c>head</c> entry in
/// <see cref="Members"/> carrying the same ID number.
/// </summary>
public sealed record RegisterHouseholdRequest(
    string? VillageCode, string? HeadName, string? HeadIdNumber,
    string? VillagerGroup = null, decimal? PerCapitaIncome = null, IReadOnlyList<MemberRequest>? Members = null)
{
    /// <summary>The ID numbers as they are stored (<see cref="IdNumber.Normalize"/>: a typed lower-case x is the check character X).</summary>
    public RegisterHouseholdRequest Normalized() => this with
    {
        HeadIdNumber = IdNumber.Normalize(HeadIdNumber),
        Members = Members?.Select(m => m?.Normalized()!).ToList(),
    };
}

/// <summary>
/// A member as the API and the Excel import give it. The enums are text (API names such as <c>spouse</c>, or the
/// ledger's Chinese labels such as 配偶); blank labour, school and health are 有劳动力, 非在校生 and 健康.
/// </summary>
public sealed record MemberRequest(
    string? Relation, string? Name, string? IdNumber,
    string? LabourCapacity = null, string? SchoolStage = null, string? HealthState = null, string? Phone = null)
{
    public MemberRequest Normalized() => this with { IdNumber = Contracts.IdNumber.Normalize(IdNumber) };
}

/// <summary>One thing wrong with a request, under its JSON field name (<c>members[2].idNumber</c>).</summary>
public sealed record FieldError(string Field, string Chinese, string English);

public abstract record RegistrationOutcome
{
    public sealed record Registered(Household Household) : RegistrationOutcome;

    public sealed record Invalid(IDictionary<string, string[]> Errors) : RegistrationOutcome;

    /// <param name="Holder">The household holding it: name it only to a caller whose jurisdiction covers it (<see cref="DuplicateIdNumbers"/>).</param>
    /// <param name="IdNumber">The ID number already registered.</param>
    /// <param name="Field">The request's field holding it.</param>
    public sealed record Duplicate(RegisteredHolder Holder, string IdNumber, string? Field = null) : RegistrationOutcome;
}

/// <summary>
/// Registering a household: the one code path behind the API, the Excel import and the benchmark.
/// The household and its <see cref="HouseholdRegistered"/> event are saved in one transaction.
/// </summary>
public static class HouseholdRegistration
{
    public const int MaxNameLength = 64;

    public const int MaxMembers = 30;
    public const int MaxVillagerGroupLength = 32;
    public const decimal MaxPerCapitaIncome = 10_000_000m;

    public static ValidationErrors Validate(RegisterHouseholdRequest request, DateOnly today)
    {
        var errors = new ValidationErrors();
        foreach (var error in Check(request, today))
        {
            errors.Add(error.Field, error.Chinese, error.English);
        }
        return errors;
    }

    /// <summary>Everything wrong with <paramref name="request"/>, in field order; the import maps the fields to cells.</summary>
    /// <remarks>ID numbers are judged as stored (<see cref="RegisterHouseholdRequest.Normalized"/>) and against <paramref name="today"/> (no birth after it).</remarks>
    public static List<FieldError> Check(RegisterHouseholdRequest request, DateOnly today)
    {
        request = request.Normalized();
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(request.VillageCode))
        {
            errors.Add(new("villageCode", "村委会必填", "The village is required."));
        }
        else if (!Villages.IsKnown(request.VillageCode))
        {
            errors.Add(new("villageCode", "不是西畴县的村委会代码", "Not a village committee code of Xichou County."));
        }
        RequireText(errors, "headName", request.HeadName, "户主姓名", "The head of household's name");
        CheckIdNumber(errors, "headIdNumber", request.HeadIdNumber, "户主身份证号", "The head of household's ID number", today);
        if (request.VillagerGroup is { } group && group.Trim().Length > MaxVillagerGroupLength)
        {
            errors.Add(new("villagerGroup", $"村民小组不能超过{MaxVillagerGroupLength}个字", $"The villager group is at most {MaxVillagerGroupLength} characters."));
        }
        if (request.PerCapitaIncome is < 0 or > MaxPerCapitaIncome)
        {
            errors.Add(new("perCapitaIncome", "人均纯收入应在0到1000万元之间", "The per-capita income is between 0 and 10,000,000 yuan a year."));
        }
        var members = request.Members ?? [];
        if (members.Count > MaxMembers)
        {
            errors.Add(new("members", $"一户最多{MaxMembers}名成员", $"A household has at most {MaxMembers} members."));
            return errors;
        }
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        if (IdNumber.IsValid(request.HeadIdNumber))
        {
            seen[request.HeadIdNumber] = "headIdNumber";
        }
        var heads = 0;
        for (var i = 0; i < members.Count; i++)
        {
            var member = members[i];
            var prefix = $"members[{i}]";
            if (member is null)
            {
                errors.Add(new(prefix, "成员不能为空", "A member cannot be null."));
                continue;
            }
            var isHead = false;
            if (string.IsNullOrWhiteSpace(member.Relation))
            {
                errors.Add(new($"{prefix}.relation", "与户主关系必填", "The relation to the head is required."));
            }
            else if (!MemberLabels.Relations.TryParse(member.Relation, out var relation))
            {
                errors.Add(new($"{prefix}.relation", $"与户主关系应为：{string.Join('、', MemberLabels.Relations.Shown)}",
                    "The relation is one of head, spouse, child, childInLaw, grandchild, parent, grandparent, sibling, other."));
            }
            else if (relation == Relation.Head)
            {
                isHead = true;
                if (++heads > 1)
                {
                    errors.Add(new($"{prefix}.relation", "一户只能有一名户主", "A household has one head."));
                }
            }
            RequireText(errors, $"{prefix}.name", member.Name, "姓名", "The name");
            if (CheckIdNumber(errors, $"{prefix}.idNumber", member.IdNumber, "身份证号", "The ID number", today))
            {
                if (isHead)
                {
                    if (member.IdNumber != request.HeadIdNumber)
                    {
                        errors.Add(new($"{prefix}.idNumber", "户主的身份证号应与户主身份证号一致", "The head's ID number must be the headIdNumber."));
                    }
                }
                else if (seen.TryGetValue(member.IdNumber!, out var first))
                {
                    errors.Add(new($"{prefix}.idNumber", "身份证号在本户中重复", $"The same ID number as {first}."));
                }
                else
                {
                    seen[member.IdNumber!] = $"{prefix}.idNumber";
                }
            }
            CheckLabel(errors, $"{prefix}.labourCapacity", member.LabourCapacity, MemberLabels.LabourCapacities, "劳动能力", "labour capacity");
            CheckLabel(errors, $"{prefix}.schoolStage", member.SchoolStage, MemberLabels.SchoolStages, "在校生状况", "school stage");
            CheckLabel(errors, $"{prefix}.healthState", member.HealthState, MemberLabels.HealthStates, "健康状况", "health state");
            if (!string.IsNullOrWhiteSpace(member.Phone) && !IsPhone(member.Phone.Trim()))
            {
                errors.Add(new($"{prefix}.phone", "联系电话应为11位手机号或带区号的固定电话", "A phone is an 11-digit mobile number or a landline with its area code."));
            }
        }
        return errors;
    }

    /// <summary>A mainland mobile number (1 and ten digits) or a landline with its area code (0876-1234567).</summary>
    public static bool IsPhone(string phone) =>
        phone.Length is >= 10 and <= 20
        && (phone is ['1', ..] && phone.Length == 11 && phone.All(char.IsAsciiDigit)
            || phone is ['0', ..] && phone.Count(c => c == '-') <= 1 && phone.Replace("-", "", StringComparison.Ordinal) is { Length: >= 10 and <= 12 } digits
                && digits.All(char.IsAsciiDigit));

    /// <summary>Registers one household in its own transaction; a registered ID number comes back as <see cref="RegistrationOutcome.Duplicate"/>.</summary>
    public static async Task<RegistrationOutcome> RegisterAsync(
        MonitoringDbContext db, RegisterHouseholdRequest request, Actor actor, TimeProvider time, CancellationToken cancellationToken,
        string? traceParent = null)
    {
        request = request.Normalized();
        var errors = Validate(request, Beijing.Today(time));
        if (!errors.IsEmpty)
        {
            return new RegistrationOutcome.Invalid(errors.ToDictionary());
        }

        var household = Stage(db, request, actor, time.GetUtcNow(), traceParent);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The unique indexes on the ID numbers (head and members) are the check: the registration rolled back
            // whole (no outbox row), and the household already holding a number is named.
            db.ChangeTracker.Clear();
            var registered = await FindRegisteredAsync(db, request, cancellationToken);
            if (registered is null)
            {
                throw;
            }
            return new RegistrationOutcome.Duplicate(registered.Value.Holder, registered.Value.IdNumber, registered.Value.Field);
        }
        return new RegistrationOutcome.Registered(household);
    }

    /// <summary>The first of the request's ID numbers already on the register, with the field and the household holding it.</summary>
    public static async Task<(string Field, string IdNumber, RegisteredHolder Holder)?> FindRegisteredAsync(
        MonitoringDbContext db, RegisterHouseholdRequest request, CancellationToken cancellationToken)
    {
        request = request.Normalized();
        var fields = new List<(string Field, string IdNumber)> { ("headIdNumber", request.HeadIdNumber!) };
        var members = request.Members ?? [];
        for (var i = 0; i < members.Count; i++)
        {
            if (members[i].IdNumber is { } idNumber && idNumber != request.HeadIdNumber)
            {
                fields.Add(($"members[{i}].idNumber", idNumber));
            }
        }
        var idNumbers = fields.ConvertAll(f => f.IdNumber);
        var holders = await HoldersAsync(db, idNumbers, cancellationToken);
        foreach (var (field, idNumber) in fields)
        {
            if (holders.TryGetValue(idNumber, out var holder))
            {
                return (field, idNumber, holder);
            }
        }
        return null;
    }

    /// <summary>The households holding any of <paramref name="idNumbers"/> (keep the list to a few thousand per call).</summary>
    public static async Task<Dictionary<string, RegisteredHolder>> HoldersAsync(
        MonitoringDbContext db, IReadOnlyCollection<string> idNumbers, CancellationToken cancellationToken)
    {
        var holders = new Dictionary<string, RegisteredHolder>(StringComparer.Ordinal);
        foreach (var found in await db.Members.AsNoTracking().Where(m => idNumbers.Contains(m.IdNumber))
            .Join(db.Households, m => m.HouseholdId, h => h.Id, (m, h) => new { m.IdNumber, h.Id, h.Code, h.TownshipCode, h.VillageCode, h.PairedCadre })
            .ToListAsync(cancellationToken))
        {
            holders.TryAdd(found.IdNumber, new RegisteredHolder(found.Id, found.Code, found.TownshipCode, found.VillageCode, found.PairedCadre));
        }
        // Households registered before members were kept hold their head's number only on the household.
        foreach (var found in await db.Households.AsNoTracking().Where(h => idNumbers.Contains(h.HeadIdNumber))
            .Select(h => new { h.HeadIdNumber, h.Id, h.Code, h.TownshipCode, h.VillageCode, h.PairedCadre }).ToListAsync(cancellationToken))
        {
            holders.TryAdd(found.HeadIdNumber, new RegisteredHolder(found.Id, found.Code, found.TownshipCode, found.VillageCode, found.PairedCadre));
        }
        return holders;
    }

    /// <summary>
    /// Adds a validated registration, its <see cref="HouseholdRegistered"/> event and its audit line to
    /// <paramref name="db"/>, unsaved.
    /// </summary>
    public static Household Stage(MonitoringDbContext db, RegisterHouseholdRequest request, Actor actor, DateTimeOffset now, string? traceParent)
    {
        request = request.Normalized();
        var household = Household.Register(request.VillageCode!, request.HeadName!.Trim(), request.HeadIdNumber!, now);
        household.Describe(string.IsNullOrWhiteSpace(request.VillagerGroup) ? null : request.VillagerGroup.Trim(), request.PerCapitaIncome ?? 0m);
        var members = request.Members ?? [];
        var head = members.FirstOrDefault(m => MemberLabels.Relations.TryParse(m.Relation, out var r) && r == Relation.Head);
        household.Members.Add(ToMember(household.Id, 0, Relation.Head, household.HeadName, household.HeadIdNumber, head));
        var position = 1;
        foreach (var member in members)
        {
            if (ReferenceEquals(member, head))
            {
                continue;
            }
            household.Members.Add(ToMember(household.Id, position++, MemberLabels.Relations.ParseOr(member.Relation, Relation.Other), member.Name!.Trim(), member.IdNumber!, member));
        }
        db.Households.Add(household);
        db.AddIntegrationEvent(household.ToRegisteredEvent(), traceParent);
        db.Audit(AuditEntry.Record(actor, AuditActions.Create, now, household.Id, details: new
        {
            household.Code,
            household.VillageCode,
            household.HeadName,
            HeadIdNumber = IdNumber.Mask(household.HeadIdNumber),
            Members = household.Members.Count,
        }));
        return household;
    }

    internal static Member ToMember(Guid householdId, int position, Relation relation, string name, string idNumber, MemberRequest? details)
    {
        var labour = MemberLabels.LabourCapacities.ParseOr(details?.LabourCapacity, LabourCapacity.Able);
        var school = MemberLabels.SchoolStages.ParseOr(details?.SchoolStage, SchoolStage.NotInSchool);
        var health = MemberLabels.HealthStates.ParseOr(details?.HealthState, HealthState.Healthy);
        var phone = string.IsNullOrWhiteSpace(details?.Phone) ? null : details.Phone.Trim();
        return Member.Create(householdId, position, relation, name, idNumber, labour, school, health, phone);
    }

    /// <summary>Adds the error for a bad ID number; true when it is valid.</summary>
    internal static bool CheckIdNumber(List<FieldError> errors, string field, string? value, string chinese, string english, DateOnly today)
    {
        var idError = IdNumber.Validate(value, today);
        if (idError is null)
        {
            return true;
        }
        var (zh, en) = idError switch
        {
            IdNumberError.Missing => ($"{chinese}必填", $"{english} is required."),
            IdNumberError.WrongLength => ("身份证号应为18位", "An ID number has 18 characters."),
            IdNumberError.NotDigits => ("身份证号前17位应为数字，末位为数字或X", "An ID number is 17 digits and a digit or X."),
            IdNumberError.BadBirthDate => ("身份证号中的出生日期无效", "The birth date in the ID number is not a date."),
            IdNumberError.FutureBirthDate => ($"身份证号中的出生日期（{IdNumber.BirthDateOf(IdNumber.Normalize(value)!):yyyy-MM-dd}）晚于今天，请核对",
                $"The birth date in the ID number ({IdNumber.BirthDateOf(IdNumber.Normalize(value)!):yyyy-MM-dd}) is after today; please check it."),
            IdNumberError.ImplausibleAge => ($"身份证号中的出生日期（{IdNumber.BirthDateOf(IdNumber.Normalize(value)!):yyyy-MM-dd}）表明年龄超过{IdNumber.MaxAgeYears}岁，请核对",
                $"The birth date in the ID number ({IdNumber.BirthDateOf(IdNumber.Normalize(value)!):yyyy-MM-dd}) makes the person older than {IdNumber.MaxAgeYears}; please check it."),
            _ => ("身份证号校验码不正确", "The ID number's check digit is wrong (GB 11643)."),
        };
        errors.Add(new(field, zh, en));
        return false;
    }

    internal static void CheckLabel<T>(List<FieldError> errors, string field, string? value, EnumNames<T> labels, string chinese, string english)
        where T : struct, Enum
    {
        if (!string.IsNullOrWhiteSpace(value) && !labels.TryParse(value, out _))
        {
            errors.Add(new(field, $"{chinese}应为：{string.Join('、', labels.Shown)}",
                $"The {english} is one of {string.Join(", ", Enum.GetValues<T>().Select(MemberLabels.ApiName))}."));
        }
    }

    internal static void RequireText(List<FieldError> errors, string field, string? value, string chinese, string english)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(new(field, $"{chinese}必填", $"{english} is required."));
        }
        else if (value.Trim().Length > MaxNameLength)
        {
            errors.Add(new(field, $"{chinese}不能超过{MaxNameLength}个字", $"{english} is at most {MaxNameLength} characters."));
        }
    }
}
