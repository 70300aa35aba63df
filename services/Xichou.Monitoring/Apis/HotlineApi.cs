using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Xichou.Contracts;
using Xichou.Monitoring.Infrastructure;
using Xichou.Monitoring.Model;
using Xichou.Monitoring.Model.Support;
using Xichou.ServiceDefaults.Auditing;
using Xichou.ServiceDefaults.Http;
using Xichou.ServiceDefaults.Security;

namespace Xichou.Monitoring.Apis;

/// <summary>The 两不愁三保障 hotline (举报电话): a complaint about a household is recorded and becomes a risk to check.</summary>
public static class HotlineApi
{
    public const int MaxComplaints = 200;

    public static IEndpointRouteBuilder MapHotlineApi(this IEndpointRouteBuilder app)
    {
        var hotline = app.MapGroup("/api/hotline").WithTags("Hotline");
        hotline.MapPost("/", Receive)
            .RequireAuthorization(Policies.WriteHouseholds)
            .WithName("ReceiveHotlineComplaint")
            .WithSummary("Record a hotline complaint about a household (by code or id): an open village-level risk to check, in one transaction; the caller's phone is masked; audited.");
        hotline.MapGet("/", List)
            .RequireAuthorization(Policies.ReadHouseholds)
            .WithName("ListHotlineComplaints")
            .WithSummary("Hotline complaints about households within the caller's jurisdiction, newest first; callers' phones masked.");
        return app;
    }

    public static async Task<Results<Created<ComplaintView>, NotFound, ValidationProblem>> Receive(
        HotlineComplaintRequest request, ClaimsPrincipal user, ServiceSecurity security, MonitoringDbContext db, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var errors = SupportValidation.Validate(request);
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: Bilingual.ValidationTitle);
        }
        var households = db.Households.Within(security.JurisdictionOf(user));
        var code = request.HouseholdCode?.Trim().ToUpperInvariant();
        var household = request.HouseholdId is { } id
            ? await households.FirstOrDefaultAsync(h => h.Id == id, cancellationToken)
            : await households.FirstOrDefaultAsync(h => h.Code == code, cancellationToken);
        if (household is null)
        {
            return TypedResults.NotFound();
        }
        var now = time.GetUtcNow();
        var phone = string.IsNullOrWhiteSpace(request.CallerPhone) ? null : request.CallerPhone.Trim();
        var (complaint, risk) = Hotline.Receive(household, request.Content!.Trim(), phone, Actor.Of(user).UserName, now);
        db.Complaints.Add(complaint);
        db.Risks.Add(risk);
        db.Audit(AuditEntry.Record(Actor.Of(user), AuditActions.Create, now, household.Id, details: new
        {
            complaint = complaint.Id, risk = risk.Id, callerPhone = PersonalData.MaskPhone(phone),
        }));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"api/hotline/{complaint.Id}", ComplaintView.From(complaint, household, risk, user, security));
    }

    public static async Task<Ok<List<ComplaintView>>> List(
        ClaimsPrincipal user, ServiceSecurity security, MonitoringDbContext db, CancellationToken cancellationToken)
    {
        var households = db.Households.AsNoTracking().Within(security.JurisdictionOf(user));
        var rows = await (
            from complaint in db.Complaints.AsNoTracking()
            join household in households on complaint.HouseholdId equals household.Id
            join risk in db.Risks.AsNoTracking() on complaint.RiskId equals risk.Id
            select new { complaint, household, risk }).ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.OrderByDescending(r => r.complaint.ReceivedAt).Take(MaxComplaints)
            .Select(r => ComplaintView.From(r.complaint, r.household, r.risk, user, security)).ToList());
    }
}

public sealed record ComplaintView(
    Guid Id, Guid HouseholdId, string HouseholdCode, string TownshipName, string Village, string HeadName, string Content, string? CallerPhone,
    DateTimeOffset ReceivedAt, string RecordedBy, Guid RiskId, string RiskLevel, string RiskStatus)
{
    /// <summary>
    /// The caller's phone is always masked: a complainant is protected, and no reveal is offered here. Below the township
    /// (the village complained about, a pairing cadre) not even the prefix and last four digits are shown, which in a
    /// village are enough to tell who called.
    /// </summary>
    public static ComplaintView From(Complaint complaint, Household household, Risk risk, ClaimsPrincipal user, ServiceSecurity security) => new(
        complaint.Id, household.Id, household.Code, Townships.NameOf(household.TownshipCode), household.Village, security.NameFor(user, household.HeadName),
        complaint.Content, CallerPhoneFor(complaint.CallerPhone, security.JurisdictionOf(user)), complaint.ReceivedAt,
        complaint.RecordedBy, risk.Id, risk.Level.ToString().ToLowerInvariant(), risk.Status.ToString().ToLowerInvariant());

    public const string HiddenPhone = "***********";

    /// <summary>138****5678 for the township and the county; every digit hidden below the township.</summary>
    public static string? CallerPhoneFor(string? phone, Jurisdiction scope) => phone is null ? null
        : scope.Level is JurisdictionLevel.County or JurisdictionLevel.Township ? PersonalData.MaskPhone(phone)
        : HiddenPhone;
}
