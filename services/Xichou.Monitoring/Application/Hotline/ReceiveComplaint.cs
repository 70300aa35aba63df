using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Xichou.Monitoring.Infrastructure;
using Xichou.Monitoring.Model;
using Xichou.Monitoring.Model.Support;
using Xichou.ServiceDefaults.Auditing;
using Xichou.ServiceDefaults.Http;
using Xichou.ServiceDefaults.Security;

namespace Xichou.Monitoring.Application.Hotline;

/// <summary>A hotline call as the desk takes it, and who took it.</summary>
public sealed record ReceiveComplaint(HotlineComplaintRequest Request, ClaimsPrincipal User);

public abstract record ComplaintOutcome
{
    /// <summary>About a household on the register: recorded, with the village-level risk to check.</summary>
    public sealed record Received(ComplaintView Complaint) : ComplaintOutcome;

    /// <summary>About a household not on the register (漏评): a check-for-inclusion item for its township.</summary>
    public sealed record InclusionOpened(InclusionCheckView Check) : ComplaintOutcome;

    /// <summary>No such household within the caller's jurisdiction.</summary>
    public sealed record NotFound : ComplaintOutcome;

    public sealed record Invalid(IDictionary<string, string[]> Errors) : ComplaintOutcome;
}

/// <summary>
/// 举报电话: a complaint about a household becomes an open village-level risk; one about a household missed by the register
/// (a village and no household) becomes a check-for-inclusion item for the township. One transaction each, audited; the
/// caller's phone is kept and never shown in full.
/// </summary>
public sealed class ReceiveComplaintHandler(MonitoringDbContext db, ServiceSecurity security, TimeProvider time)
{
    public async Task<ComplaintOutcome> HandleAsync(ReceiveComplaint command, CancellationToken cancellationToken)
    {
        var (request, user) = command;
        var errors = SupportValidation.Validate(request);
        var scope = security.JurisdictionOf(user);
        if (errors.IsEmpty && request.IsAboutMissedHousehold())
        {
            var villageCode = request.VillageCode!.Trim();
            if (!scope.Covers(Contracts.Villages.TownshipOf(villageCode), villageCode))
            {
                errors.Add("villageCode", $"该村委会不在您的管辖范围（{scope.DisplayName}）内", "The village is outside your jurisdiction.");
            }
        }
        if (!errors.IsEmpty)
        {
            return new ComplaintOutcome.Invalid(errors.ToDictionary());
        }
        var now = time.GetUtcNow();
        var actor = Actor.Of(user);
        var phone = string.IsNullOrWhiteSpace(request.CallerPhone) ? null : request.CallerPhone.Trim();
        if (request.IsAboutMissedHousehold())
        {
            var person = string.IsNullOrWhiteSpace(request.PersonName) ? null : request.PersonName.Trim();
            var check = InclusionCheck.Open(request.VillageCode!.Trim(), person, request.Content!.Trim(), phone, actor.UserName, now);
            db.InclusionChecks.Add(check);
            db.Audit(AuditEntry.Record(actor, AuditActions.Create, now, details: new
            {
                inclusionCheck = check.Id, check.VillageCode, callerPhone = PersonalData.MaskPhone(phone),
            }));
            await db.SaveChangesAsync(cancellationToken);
            return new ComplaintOutcome.InclusionOpened(InclusionCheckView.From(check, user, security));
        }

        var households = db.Households.Within(scope);
        var code = request.HouseholdCode?.Trim().ToUpperInvariant();
        var household = request.HouseholdId is { } id
            ? await households.FirstOrDefaultAsync(h => h.Id == id, cancellationToken)
            : await households.FirstOrDefaultAsync(h => h.Code == code, cancellationToken);
        if (household is null)
        {
            return new ComplaintOutcome.NotFound();
        }
        var (complaint, risk) = Model.Support.Hotline.Receive(household, request.Content!.Trim(), phone, actor.UserName, now);
        db.Complaints.Add(complaint);
        db.Risks.Add(risk);
        db.Audit(AuditEntry.Record(actor, AuditActions.Create, now, household.Id, details: new
        {
            complaint = complaint.Id, risk = risk.Id, callerPhone = PersonalData.MaskPhone(phone),
        }));
        await db.SaveChangesAsync(cancellationToken);
        return new ComplaintOutcome.Received(ComplaintView.From(complaint, household, risk, user, security));
    }
}
