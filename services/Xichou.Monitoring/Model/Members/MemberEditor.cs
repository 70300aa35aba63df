using Microsoft.EntityFrameworkCore;
using Xichou.Contracts;
using Xichou.Monitoring.Infrastructure;
using Xichou.Monitoring.Model.Import;
using Xichou.ServiceDefaults.Auditing;
using Xichou.ServiceDefaults.Http;
using Xichou.ServiceDefaults.Security;

namespace Xichou.Monitoring.Model.Members;

/// <summary>What may change about a member after registration; a null field keeps its value, an empty phone clears it.</summary>
public sealed record ChangeMemberRequest(string? Name, string? LabourCapacity, string? SchoolStage, string? HealthState, string? Phone);

public abstract record MemberOutcome
{
    public sealed record Done(Household Household, Member? Member) : MemberOutcome;

    public sealed record NotFound : MemberOutcome;

    public sealed record Invalid(IDictionary<string, string[]> Errors) : MemberOutcome;

    /// <summary>The ID number is a member of another household already.</summary>
    public sealed record Duplicate(RegisteredHolder Holder, string IdNumber) : MemberOutcome;

    /// <summary>Not allowed for this member (the head); the messages are bilingual.</summary>
    public sealed record Conflict(string Title, string Detail) : MemberOutcome;
}

/// <summary>
/// A household's members after registration: one born or married in, a correction (labour, school, health, phone, name),
/// one who left. Each is saved with its audit line; the departments hear of it through the events the register derives
/// when it saves (<see cref="HouseholdChangeEvents"/>).
/// </summary>
public static class MemberEditor
{
    public const int MaxReasonLength = 200;

    public static async Task<MemberOutcome> AddAsync(
        MonitoringDbContext db, Guid householdId, MemberRequest request, Actor actor, Jurisdiction scope, TimeProvider time, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        Relation relation = Relation.Other;
        if (string.IsNullOrWhiteSpace(request.Relation))
        {
            errors.Add(new("relation", "与户主关系必填", "The relation to the head is required."));
        }
        else if (!MemberLabels.Relations.TryParse(request.Relation, out relation))
        {
            errors.Add(new("relation", $"与户主关系应为：{string.Join('、', MemberLabels.Relations.Shown.Skip(1))}",
                "The relation is one of spouse, child, childInLaw, grandchild, parent, grandparent, sibling, other."));
        }
        else if (relation == Relation.Head)
        {
            errors.Add(new("relation", "一户只能有一名户主，户主随登记产生", "A household has one head, registered with it."));
        }
        HouseholdRegistration.RequireText(errors, "name", request.Name, "姓名", "The name");
        request = request.Normalized();
        HouseholdRegistration.CheckIdNumber(errors, "idNumber", request.IdNumber, "身份证号", "The ID number", Beijing.Today(time));
        CheckDetails(errors, request.LabourCapacity, request.SchoolStage, request.HealthState, request.Phone);
        if (errors.Count > 0)
        {
            return Invalid(errors);
        }
        var household = await FindAsync(db, householdId, scope, ct);
        if (household is null)
        {
            return new MemberOutcome.NotFound();
        }
        if (household.Members.Count >= HouseholdRegistration.MaxMembers)
        {
            errors.Add(new("members", $"一户最多{HouseholdRegistration.MaxMembers}名成员", $"A household has at most {HouseholdRegistration.MaxMembers} members."));
        }
        if (household.Members.Any(m => m.IdNumber == request.IdNumber))
        {
            errors.Add(new("idNumber", "身份证号在本户中重复", "This person is a member of the household already."));
        }
        if (errors.Count > 0)
        {
            return Invalid(errors);
        }

        var position = household.Members.Count == 0 ? 0 : household.Members.Max(m => m.Position) + 1;
        var member = HouseholdRegistration.ToMember(household.Id, position, relation, request.Name!.Trim(), request.IdNumber!, request);
        household.Members.Add(member);
        var now = time.GetUtcNow();
        db.Audit(AuditEntry.Record(actor, AuditActions.Update, now, household.Id, details: new
        {
            member = new { added = member.Id, relation = WireName.Of(relation), idNumber = IdNumber.Mask(member.IdNumber) },
        }));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The unique index on members' ID numbers: this person is in another household.
            db.ChangeTracker.Clear();
            var holders = await HouseholdRegistration.HoldersAsync(db, [request.IdNumber!], ct);
            if (!holders.TryGetValue(request.IdNumber!, out var holder))
            {
                throw;
            }
            return new MemberOutcome.Duplicate(holder, request.IdNumber!);
        }
        return new MemberOutcome.Done(household, member);
    }

    public static async Task<MemberOutcome> ChangeAsync(
        MonitoringDbContext db, Guid householdId, Guid memberId, ChangeMemberRequest request, Actor actor, Jurisdiction scope,
        TimeProvider time, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        if (request.Name is not null)
        {
            HouseholdRegistration.RequireText(errors, "name", request.Name, "姓名", "The name");
        }
        CheckDetails(errors, request.LabourCapacity, request.SchoolStage, request.HealthState, request.Phone);
        if (errors.Count > 0)
        {
            return Invalid(errors);
        }
        var household = await FindAsync(db, householdId, scope, ct);
        var member = household?.Members.FirstOrDefault(m => m.Id == memberId);
        if (household is null || member is null)
        {
            return new MemberOutcome.NotFound();
        }
        var name = request.Name?.Trim() ?? member.Name;
        var before = new { member.Name, labour = WireName.Of(member.LabourCapacity), school = WireName.Of(member.SchoolStage), phone = member.Phone is not null };
        member.Update(name,
            MemberLabels.LabourCapacities.ParseOr(request.LabourCapacity, member.LabourCapacity),
            MemberLabels.SchoolStages.ParseOr(request.SchoolStage, member.SchoolStage),
            MemberLabels.HealthStates.ParseOr(request.HealthState, member.HealthState),
            request.Phone is null ? member.Phone : string.IsNullOrWhiteSpace(request.Phone) ? null : request.Phone.Trim());
        if (member.Relation == Relation.Head && household.HeadName != name)
        {
            household.RenameHead(name);
        }
        // The health state is sensitive (敏感个人信息): the audit line says that it changed, not what to.
        db.Audit(AuditEntry.Record(actor, AuditActions.Update, time.GetUtcNow(), household.Id, details: new
        {
            member = member.Id,
            before,
            after = new { member.Name, labour = WireName.Of(member.LabourCapacity), school = WireName.Of(member.SchoolStage), phone = member.Phone is not null },
            healthChanged = request.HealthState is not null,
        }));
        await db.SaveChangesAsync(ct);
        return new MemberOutcome.Done(household, member);
    }

    public static async Task<MemberOutcome> RemoveAsync(
        MonitoringDbContext db, Guid householdId, Guid memberId, string? reason, Actor actor, Jurisdiction scope, TimeProvider time, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        HouseholdRegistration.RequireText(errors, "reason", reason, "移除原因", "The reason");
        var household = await FindAsync(db, householdId, scope, ct);
        var member = household?.Members.FirstOrDefault(m => m.Id == memberId);
        if (household is null || member is null)
        {
            return new MemberOutcome.NotFound();
        }
        if (errors.Count > 0)
        {
            return Invalid(errors);
        }
        if (member.Relation == Relation.Head)
        {
            return new MemberOutcome.Conflict(Bilingual.Message("户主不能移除", "The head of household cannot be removed."),
                Bilingual.Message("户主变更须重新登记农户", "A new head means registering the household anew."));
        }
        household.Members.Remove(member);
        db.Members.Remove(member);
        db.Audit(AuditEntry.Record(actor, AuditActions.Update, time.GetUtcNow(), household.Id, details: new
        {
            member = new { removed = member.Id, relation = WireName.Of(member.Relation), idNumber = IdNumber.Mask(member.IdNumber) },
            reason = reason!.Trim(),
        }));
        await db.SaveChangesAsync(ct);
        return new MemberOutcome.Done(household, null);
    }

    private static async Task<Household?> FindAsync(MonitoringDbContext db, Guid householdId, Jurisdiction scope, CancellationToken ct) =>
        await db.Households.Within(scope).Include(h => h.Members).FirstOrDefaultAsync(h => h.Id == householdId, ct);

    private static void CheckDetails(List<FieldError> errors, string? labour, string? school, string? health, string? phone)
    {
        HouseholdRegistration.CheckLabel(errors, "labourCapacity", labour, MemberLabels.LabourCapacities, "劳动能力", "labour capacity");
        HouseholdRegistration.CheckLabel(errors, "schoolStage", school, MemberLabels.SchoolStages, "在校生状况", "school stage");
        HouseholdRegistration.CheckLabel(errors, "healthState", health, MemberLabels.HealthStates, "健康状况", "health state");
        if (!string.IsNullOrWhiteSpace(phone) && !HouseholdRegistration.IsPhone(phone.Trim()))
        {
            errors.Add(new("phone", "联系电话应为11位手机号或带区号的固定电话", "A phone is an 11-digit mobile number or a landline with its area code."));
        }
    }

    private static MemberOutcome.Invalid Invalid(List<FieldError> errors)
    {
        var collected = new ValidationErrors();
        foreach (var error in errors)
        {
            collected.Add(error.Field, error.Chinese, error.English);
        }
        return new MemberOutcome.Invalid(collected.ToDictionary());
    }
}
