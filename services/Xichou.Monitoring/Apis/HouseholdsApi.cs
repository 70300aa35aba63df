using System.Security.Claims;
using MiniExcelLibs;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Xichou.Contracts;
using Xichou.Monitoring.Infrastructure;
using Xichou.Monitoring.Model;
using Xichou.Monitoring.Model.Import;
using Xichou.ServiceDefaults.Auditing;
using Xichou.ServiceDefaults.Http;
using Xichou.ServiceDefaults.Security;

namespace Xichou.Monitoring.Apis;

public static class HouseholdsApi
{
    public const int MaxPageSize = 200;
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>健康状况: sensitive personal information shown only when revealed (PersonalData names the shared fields).</summary>
    public const string Health = "health";

    private static readonly IReadOnlyList<string> FieldsHeld = [PersonalData.IdNumber, PersonalData.Phone, Health];

    public static RouteGroupBuilder MapHouseholdsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/households").WithTags("Households");
        api.MapPost("/", RegisterHousehold)
            .RequireAuthorization(Policies.WriteHouseholds)
            .WithName("RegisterHousehold")
            .WithSummary("Register a household on the monitoring register (登记边缘易致贫户) in the caller's jurisdiction and tell every department.");
        api.MapGet("/", ListHouseholds)
            .RequireAuthorization(Policies.ReadHouseholds)
            .WithName("ListHouseholds")
            .WithSummary("The register within the caller's jurisdiction, a page at a time (ID numbers masked).");
        api.MapGet("/counts", CountHouseholds)
            .RequireAuthorization(Policies.ReadHouseholds)
            .WithName("CountHouseholds")
            .WithSummary("How many households are on the register within the caller's jurisdiction, by township.");
        api.MapGet("/export", ExportHouseholds)
            .RequireSameOriginFromBrowsers()
            .RequireAuthorization(Policies.ReadHouseholds)
            .WithName("ExportHouseholds")
            .WithSummary("The register within the caller's jurisdiction as .xlsx (台账导出), masked unless ?reveal=idNumber&reason=… is allowed; audited.");
        api.MapGet("/{id:guid}", GetHousehold)
            .RequireAuthorization(Policies.ReadReferredHouseholds)
            .WithName("GetHousehold")
            .WithSummary("A household on the register with its members; ID numbers and phones are masked and health states withheld unless "
                + "?reveal=idNumber,phone,health&reason=… is allowed (audited). A department holding a referral about it reads its basics only.");
        return api;
    }

    public static async Task<Results<Created<HouseholdView>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> RegisterHousehold(
        RegisterHouseholdRequest request, ClaimsPrincipal user, ServiceSecurity security, HouseholdRegistrar registrar,
        MonitoringDbContext db, DuplicateIdNumbers duplicates, TimeProvider time, CancellationToken cancellationToken)
    {
        var actor = Actor.Of(user);
        var scope = security.JurisdictionOf(user);
        // A township or village user registers only inside their own township or village; a bad code is the validator's to report.
        if (Villages.IsKnown(request.VillageCode) && !scope.Covers(Villages.TownshipOf(request.VillageCode!), request.VillageCode))
        {
            await AuditRefusedAsync(db, actor, time, request, "outside-jurisdiction", cancellationToken);
            return TypedResults.Forbid();
        }
        var outcome = await registrar.RegisterAsync(request, actor, cancellationToken);
        switch (outcome)
        {
            case RegistrationOutcome.Registered registered:
                return TypedResults.Created($"api/households/{registered.Household.Id}", HouseholdView.From(registered.Household, revealIdNumber: false));
            case RegistrationOutcome.Invalid invalid:
                await AuditRefusedAsync(db, actor, time, request, "invalid", cancellationToken, [.. invalid.Errors.Keys]);
                return TypedResults.ValidationProblem(invalid.Errors, title: Bilingual.ValidationTitle);
            case RegistrationOutcome.Duplicate duplicate:
                var answer = await duplicates.AnswerAsync(db, actor, scope, duplicate.Holder, duplicate.IdNumber, "register", cancellationToken);
                return DuplicateIdNumbers.Problem(answer, duplicate.Field);
            default:
                throw new InvalidOperationException($"Unhandled outcome {outcome}.");
        }
    }

    /// <summary>A registration refused before it reached the register: who, why, the head's ID number masked.</summary>
    private static async Task AuditRefusedAsync(MonitoringDbContext db, Actor actor, TimeProvider time, RegisterHouseholdRequest request,
        string reason, CancellationToken cancellationToken, IReadOnlyList<string>? fields = null)
    {
        db.Audit(AuditEntry.Record(actor, AuditActions.Refuse, time.GetUtcNow(), field: PersonalData.IdNumber, reason: reason, details: new
        {
            refused = "register",
            request.VillageCode,
            headIdNumber = request.HeadIdNumber is { Length: > 0 } id ? IdNumber.Mask(id) : null,
            fields,
        }));
        await db.SaveChangesAsync(cancellationToken);
    }

    public static async Task<Results<Ok<HouseholdPage>, ValidationProblem>> ListHouseholds(
        [AsParameters] HouseholdListQuery query, ClaimsPrincipal user, ServiceSecurity security, MonitoringDbContext db,
        CancellationToken cancellationToken)
    {
        var errors = query.Validate(MaxPageSize);
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: Bilingual.ValidationTitle);
        }
        var households = query.Apply(db.Households.AsNoTracking().Within(security.JurisdictionOf(user)));
        var total = await households.CountAsync(cancellationToken);
        var page = await households.OrderBy(h => h.Code)
            .Skip((query.PageOrDefault - 1) * query.PageSizeOrDefault).Take(query.PageSizeOrDefault)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new HouseholdPage(total, query.PageOrDefault, query.PageSizeOrDefault,
            [.. page.Select(h => HouseholdView.From(h, revealIdNumber: false) with { HeadName = security.NameFor(user, h.HeadName) })]));
    }

    public static async Task<Ok<RegisterCounts>> CountHouseholds(
        ClaimsPrincipal user, ServiceSecurity security, MonitoringDbContext db, CancellationToken cancellationToken)
    {
        var byTownship = await db.CountByTownshipAsync(security.JurisdictionOf(user), cancellationToken);
        return TypedResults.Ok(new RegisterCounts(byTownship.Values.Sum(), byTownship));
    }

    public static async Task<Results<Ok<HouseholdView>, Ok<ReferredHouseholdView>, NotFound, ValidationProblem, ForbidHttpResult>> GetHousehold(
        Guid id, [AsParameters] RevealQuery reveal, ClaimsPrincipal user, ServiceSecurity security, MonitoringDbContext db,
        TimeProvider time, CancellationToken cancellationToken)
    {
        if (!security.CanRead(user))
        {
            // Access follows the referral (ServiceAccess.ReferralReadersOf): the policy let a department in; it sees the
            // basics of a household it has a referral about, and nothing of any other.
            if (!string.IsNullOrWhiteSpace(reveal.Reveal))
            {
                return TypedResults.Forbid();
            }
            return await ReferredAsync(db, id, user, cancellationToken) is { } basics ? TypedResults.Ok(basics) : TypedResults.NotFound();
        }
        var decision = PersonalData.Decide(reveal, user, security, FieldsHeld);
        switch (decision)
        {
            case RevealDecision.Forbidden:
                return TypedResults.Forbid();
            case RevealDecision.Invalid invalid:
                return TypedResults.ValidationProblem(invalid.Errors, title: Bilingual.ValidationTitle);
        }
        var household = await db.Households.AsNoTracking().Within(security.JurisdictionOf(user)).Include(h => h.Members)
            .FirstOrDefaultAsync(h => h.Id == id, cancellationToken);
        if (household is null)
        {
            return TypedResults.NotFound();
        }
        await db.AuditRevealAsync(decision, user, household.Id, time, cancellationToken);
        var today = Beijing.Today(time);
        return TypedResults.Ok(HouseholdView.From(household, decision.Reveals(PersonalData.IdNumber)) with
        {
            HeadName = security.NameFor(user, household.HeadName),
            Members = [.. household.Members.OrderBy(m => m.Position).Select(m => MemberView.From(m, today,
                name: security.NameFor(user, m.Name),
                revealIdNumber: decision.Reveals(PersonalData.IdNumber),
                revealPhone: decision.Reveals(PersonalData.Phone),
                revealHealth: decision.Reveals(Health)))],
        });
    }

    /// <summary>The basics of a household that one of the caller's departments sent or received a referral about; null otherwise.</summary>
    public static async Task<ReferredHouseholdView?> ReferredAsync(MonitoringDbContext db, Guid id, ClaimsPrincipal user, CancellationToken ct)
    {
        var departments = ServiceAccess.ReferralReadersOf(ServiceNames.Monitoring).Where(user.IsInRole)
            .Select(role => Roles.DepartmentOf(role)?.Key).OfType<string>().Distinct().ToList();
        if (departments.Count == 0)
        {
            return null;
        }
        var referred = db.Referrals.Where(r => r.HouseholdId == id && (departments.Contains(r.FromService) || departments.Contains(r.ToDepartment)));
        return await db.Households.AsNoTracking().Where(h => h.Id == id && referred.Any())
            .Select(h => new ReferredHouseholdView(h.Id, h.Code, h.TownshipCode, h.VillageCode, h.Village, h.HeadName, h.Status))
            .FirstOrDefaultAsync(ct);
    }

    public static async Task<Results<FileContentHttpResult, ValidationProblem, ForbidHttpResult>> ExportHouseholds(
        [AsParameters] HouseholdListQuery query, [AsParameters] RevealQuery reveal, ClaimsPrincipal user, ServiceSecurity security,
        MonitoringDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = (query with { Page = null, PageSize = null }).Validate(MaxPageSize);
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: Bilingual.ValidationTitle);
        }
        var decision = PersonalData.Decide(reveal, user, security, FieldsHeld);
        switch (decision)
        {
            case RevealDecision.Forbidden:
                return TypedResults.Forbid();
            case RevealDecision.Invalid invalid:
                return TypedResults.ValidationProblem(invalid.Errors, title: Bilingual.ValidationTitle);
        }
        var scope = security.JurisdictionOf(user);
        var households = await query.Apply(db.Households.AsNoTracking().Within(scope)).Include(h => h.Members)
            .OrderBy(h => h.Code).AsSplitQuery().ToListAsync(cancellationToken);
        var revealIdNumber = decision.Reveals(PersonalData.IdNumber);
        var revealPhone = decision.Reveals(PersonalData.Phone);
        var revealHealth = decision.Reveals(Health);
        var today = Beijing.Today(time);
        // One row per member (the county's 台账 layout), the household's columns repeated; a household registered
        // before members were kept is one row with its head only.
        var rows = households.SelectMany(h => h.Members.Count == 0
            ? [ExportRow(h, null, user, security, today, revealIdNumber, revealPhone, revealHealth)]
            : h.Members.OrderBy(m => m.Position).Select(m => ExportRow(h, m, user, security, today, revealIdNumber, revealPhone, revealHealth)))
            .ToList();
        using var file = new MemoryStream();
        await file.SaveAsAsync(rows, sheetName: "边缘易致贫户台账", cancellationToken: cancellationToken);

        var now = time.GetUtcNow();
        db.Audit(AuditEntry.Record(Actor.Of(user), AuditActions.Export, now,
            field: decision is RevealDecision.Granted revealed ? string.Join(',', revealed.Fields) : null,
            reason: (decision as RevealDecision.Granted)?.Reason,
            details: new { households = households.Count, members = rows.Count, scope = scope.DisplayName, query.Township, query.Village, masked = !revealIdNumber }));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.File(file.ToArray(), XlsxContentType,
            $"边缘易致贫户台账-{scope.DisplayName}-{now.ToOffset(Beijing.Offset):yyyyMMdd}.xlsx");
    }

    private static Dictionary<string, object?> ExportRow(Household h, Model.Member? m, ClaimsPrincipal user, ServiceSecurity security,
        DateOnly today, bool revealIdNumber, bool revealPhone, bool revealHealth)
    {
        var row = new Dictionary<string, object?>
        {
            ["户编号"] = h.Code,
            ["乡镇"] = Townships.NameOf(h.TownshipCode),
            ["村委会"] = h.Village,
            ["村民小组"] = h.VillagerGroup,
            ["户主姓名"] = security.NameFor(user, h.HeadName),
            ["户主身份证号"] = revealIdNumber ? h.HeadIdNumber : IdNumber.Mask(h.HeadIdNumber),
            ["与户主关系"] = m is null ? MemberLabels.Relations.Label(Relation.Head) : MemberLabels.Relations.Label(m.Relation),
            ["姓名"] = security.NameFor(user, m?.Name ?? h.HeadName),
            ["身份证号"] = m is null ? null : revealIdNumber ? m.IdNumber : IdNumber.Mask(m.IdNumber),
            ["性别"] = m is null ? null : MemberLabels.SexLabel(m.Sex),
            ["年龄"] = m?.AgeOn(today),
            ["劳动能力"] = m is null ? null : MemberLabels.LabourCapacities.Label(m.LabourCapacity),
            ["在校生状况"] = m is null ? null : MemberLabels.SchoolStages.Label(m.SchoolStage),
        };
        if (revealHealth)
        {
            row["健康状况"] = m is null ? null : MemberLabels.HealthStates.Label(m.HealthState);
        }
        row["联系电话"] = m?.Phone is null ? null : revealPhone ? m.Phone : PersonalData.MaskPhone(m.Phone);
        row["人均纯收入"] = h.PerCapitaIncome;
        row["监测状态"] = StatusLabel(h.Status);
        row["登记时间"] = h.RegisteredAt.ToOffset(Beijing.Offset).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        return row;
    }

    public static string StatusLabel(HouseholdStatus status) => Names.HouseholdStatuses.Label(status);
}

/// <summary>A household; <see cref="Members"/> only where one household is read (null in lists).</summary>
public sealed record HouseholdView(
    Guid Id, string HouseholdCode, string TownshipCode, string TownshipName, string VillageCode, string Village,
    string HeadName, string HeadIdNumber, DateTimeOffset RegisteredAt, string? VillagerGroup, decimal PerCapitaIncome, string Status)
{
    public IReadOnlyList<MemberView>? Members { get; init; }

    public static HouseholdView From(Household household, bool revealIdNumber) => new(
        household.Id, household.Code, household.TownshipCode, Townships.NameOf(household.TownshipCode), household.VillageCode,
        household.Village, household.HeadName, revealIdNumber ? household.HeadIdNumber : IdNumber.Mask(household.HeadIdNumber),
        household.RegisteredAt, household.VillagerGroup, household.PerCapitaIncome, MemberLabels.ApiName(household.Status));
}

/// <summary>
/// A household as a department with a referral about it reads it from the register: place, head's name and status; no
/// member, no ID number, no income. status monitored|riskEliminated|exited.
/// </summary>
public sealed record ReferredHouseholdView(
    Guid Id, string HouseholdCode, string TownshipCode, string TownshipName, string VillageCode, string Village, string HeadName, string Status)
{
    public ReferredHouseholdView(Guid id, string code, string townshipCode, string villageCode, string village, string headName, HouseholdStatus status)
        : this(id, code, townshipCode, Townships.NameOf(townshipCode), villageCode, village, headName, MemberLabels.ApiName(status))
    {
    }
}

/// <summary>
/// A member as a reader sees them: ID number and phone masked unless revealed; the health state (敏感个人信息) null
/// unless revealed. Enums by their API name, with the ledger's Chinese label beside.
/// </summary>
public sealed record MemberView(
    Guid Id, int Position, string Relation, string RelationLabel, string Name, string IdNumber, string Sex, DateOnly BirthDate, int Age,
    string LabourCapacity, string LabourCapacityLabel, string SchoolStage, string SchoolStageLabel,
    string? HealthState, string? HealthStateLabel, string? Phone)
{
    public static MemberView From(Model.Member member, DateOnly today, string name, bool revealIdNumber, bool revealPhone, bool revealHealth) => new(
        member.Id, member.Position, MemberLabels.ApiName(member.Relation), MemberLabels.Relations.Label(member.Relation), name,
        revealIdNumber ? member.IdNumber : Contracts.IdNumber.Mask(member.IdNumber), MemberLabels.ApiName(member.Sex),
        member.BirthDate, member.AgeOn(today),
        MemberLabels.ApiName(member.LabourCapacity), MemberLabels.LabourCapacities.Label(member.LabourCapacity),
        MemberLabels.ApiName(member.SchoolStage), MemberLabels.SchoolStages.Label(member.SchoolStage),
        revealHealth ? MemberLabels.ApiName(member.HealthState) : null,
        revealHealth ? MemberLabels.HealthStates.Label(member.HealthState) : null,
        member.Phone is null ? null : revealPhone ? member.Phone : PersonalData.MaskPhone(member.Phone));
}

public sealed record HouseholdPage(int Total, int Page, int PageSize, IReadOnlyList<HouseholdView> Items);

public sealed record RegisterCounts(int Total, IReadOnlyDictionary<string, int> ByTownship);
