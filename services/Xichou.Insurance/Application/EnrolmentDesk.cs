using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Xichou.Contracts;
using Xichou.DepartmentKit.Findings;
using Xichou.DepartmentKit.Households;
using Xichou.Insurance.Infrastructure;
using Xichou.Insurance.Model;
using Xichou.Insurance.Policy;
using Xichou.ServiceDefaults.Auditing;
using Xichou.ServiceDefaults.Http;
using Xichou.ServiceDefaults.Security;

namespace Xichou.Insurance.Application;

/// <summary>A member's enrolment for a year, and where its household stands: its open coverage finding on the register, if any.</summary>
public sealed record EnrolmentView(
    Guid MemberId, Guid HouseholdId, int Year, bool BasicMedical, bool CriticalIllness, bool Covered, string? Note, string RecordedBy,
    DateTimeOffset RecordedAt, Guid? HouseholdFindingId, string FindingChange);

/// <summary>One member's place in the year's coverage: covered, not covered (recorded without one of the two), or not recorded yet.</summary>
public sealed record CoverageGapView(
    Guid MemberId, Guid HouseholdId, string HouseholdCode, string TownshipCode, string TownshipName, string? VillageCode, string Village,
    string? Name, string? Relation, string State, bool? BasicMedical, bool? CriticalIllness);

/// <summary>A village's coverage for the year: members, covered in both, recorded without, not yet recorded, and the share covered.</summary>
public sealed record VillageCoverageView(
    string TownshipCode, string TownshipName, string? VillageCode, string Village, int Members, int Covered, int NotCovered, int NotRecorded,
    decimal CoverageShare);

public sealed record CoverageReport(
    int Year, decimal TargetShare, string Source, int Members, int Covered, int NotCovered, int NotRecorded,
    IReadOnlyList<VillageCoverageView> ByVillage, int GapTotal, IReadOnlyList<CoverageGapView> Gaps);

/// <summary>
/// 措施八 “100%参加基本医疗保险和大病保险”: each member's enrolment for a year. A household with a member recorded outside either
/// insurance is one finding on the county's risk register for that year (no-medical-insurance), published once however many
/// of its members are recorded without; once every recorded member is in both, the finding is cleared (FindingCleared). The
/// enrolment, the finding and its event, and the audit line are one SaveChanges.
/// </summary>
public sealed class EnrolmentDesk(
    InsuranceDbContext db, MembersDesk members, ServiceSecurity security, InsurancePolicy policy, Department department, TimeProvider time)
{
    public const string Covered = "covered";
    public const string NotCovered = "notCovered";
    public const string NotRecorded = "notRecorded";

    public async Task<InsuranceOutcome<EnrolmentView>> RecordAsync(Guid memberId, EnrolmentRequest request, ClaimsPrincipal user,
        CancellationToken ct)
    {
        if (!security.CanWrite(user))
        {
            return new InsuranceOutcome<EnrolmentView>.Forbidden();
        }
        if (await members.FindAsync(memberId, user, ct) is not var (member, household))
        {
            return new InsuranceOutcome<EnrolmentView>.NotFound();
        }
        var errors = new ValidationErrors();
        var facts = InsuranceValidation.Enrolment(request, Beijing.Today(time), policy.EffectiveFrom.Year, errors);
        if (facts is null)
        {
            return new InsuranceOutcome<EnrolmentView>.Invalid(errors.ToDictionary());
        }
        if (household.HasExited)
        {
            return InsuranceConflicts.Exited<EnrolmentView>();
        }
        var actor = Actor.Of(user);
        for (var attempt = 0; attempt < 4; attempt++)
        {
            db.ChangeTracker.Clear();
            var now = time.GetUtcNow();
            var enrolment = await db.MedicalEnrolments.FirstOrDefaultAsync(e => e.MemberId == member.Id && e.Year == facts.Year, ct);
            var before = enrolment is null ? null : new { enrolment.BasicMedical, enrolment.CriticalIllness };
            if (enrolment is null)
            {
                enrolment = MedicalEnrolment.For(member.Id, household.Id, facts.Year);
                db.MedicalEnrolments.Add(enrolment);
            }
            enrolment.Record(facts.BasicMedical, facts.CriticalIllness, facts.Note, actor.UserName, now);

            // The household's recorded members for the year, with this one as just recorded.
            var current = await db.Members.AsNoTracking().Where(m => m.HouseholdId == household.Id).Select(m => m.Id).ToListAsync(ct);
            var others = await db.MedicalEnrolments.AsNoTracking()
                .Where(e => e.HouseholdId == household.Id && e.Year == facts.Year && e.MemberId != member.Id).ToListAsync(ct);
            var uncovered = others.Where(e => current.Contains(e.MemberId) && !e.Covered).Select(e => e.MemberId).ToList();
            if (!enrolment.Covered)
            {
                uncovered.Add(member.Id);
            }
            var open = await db.CoverageFindings.FirstOrDefaultAsync(f => f.HouseholdId == household.Id && f.Year == facts.Year && f.ClearedAt == null, ct);
            var change = "none";
            if (uncovered.Count > 0 && open is null)
            {
                var description = $"{facts.Year}年该户有{uncovered.Count}人未同时参加基本医疗保险和大病保险（{policy.Version} 措施八要求100%参保）";
                open = CoverageFinding.Open(household.Id, facts.Year, description, now);
                db.CoverageFindings.Add(open);
                Findings.Publish(db, department, household, open.Id, InsuranceRules.CoverageGapCategory, policy.CoverageGapSeverity, description, now);
                change = "published";
            }
            else if (uncovered.Count == 0 && open is not null)
            {
                open.Clear(actor.UserName, now);
                Findings.Clear(db, department, household, open.Id, InsuranceRules.CoverageGapCategory,
                    $"{facts.Year}年该户已登记成员均已参加基本医疗保险和大病保险", actor.UserName, now);
                change = "cleared";
            }
            db.Audit(AuditEntry.Record(actor, before is null ? AuditActions.Create : AuditActions.Update, now, household.Id, details: new
            {
                enrolment = new { member = member.Id, year = facts.Year, before, after = new { facts.BasicMedical, facts.CriticalIllness } },
                finding = open?.Id,
                findingChange = change,
            }));
            try
            {
                await db.SaveChangesAsync(ct);
                return new InsuranceOutcome<EnrolmentView>.Done(new EnrolmentView(member.Id, household.Id, facts.Year, enrolment.BasicMedical,
                    enrolment.CriticalIllness, enrolment.Covered, enrolment.Note, enrolment.RecordedBy, enrolment.RecordedAt,
                    open is { IsOpen: true } ? open.Id : null, change));
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Another member of the household was recorded at the same moment (the one open finding per year, or this row).
            }
        }
        db.ChangeTracker.Clear();
        return InsuranceConflicts.Busy<EnrolmentView>();
    }

    /// <summary>The household's members' enrolments for <paramref name="year"/>, by member id.</summary>
    public async Task<IReadOnlyDictionary<Guid, MedicalEnrolment>> OfHouseholdAsync(Guid householdId, int year, CancellationToken ct) =>
        (await db.MedicalEnrolments.AsNoTracking().Where(e => e.HouseholdId == householdId && e.Year == year).ToListAsync(ct))
            .ToDictionary(e => e.MemberId);

    public Task<CoverageFinding?> OpenFindingAsync(Guid householdId, int year, CancellationToken ct) =>
        db.CoverageFindings.AsNoTracking().FirstOrDefaultAsync(f => f.HouseholdId == householdId && f.Year == year && f.ClearedAt == null, ct);

    /// <summary>
    /// The year's coverage within the caller's jurisdiction, by village, and the members not covered or not recorded (gaps),
    /// by township, village and household, a page at a time.
    /// </summary>
    public async Task<CoverageReport> ReportAsync(int year, HouseholdListQuery places, ClaimsPrincipal user, CancellationToken ct)
    {
        var households = places.Apply(db.Households.AsNoTracking().Within(security.JurisdictionOf(user)))
            .Where(h => h.Status != RegisterStatus.Exited);
        var rows = await (
            from m in db.Members.AsNoTracking()
            join h in households on m.HouseholdId equals h.Id
            join e in db.MedicalEnrolments.AsNoTracking().Where(e => e.Year == year) on m.Id equals e.MemberId into enrolled
            from e in enrolled.DefaultIfEmpty()
            select new
            {
                MemberId = m.Id, m.Name, m.Relation, HouseholdId = h.Id, h.HouseholdCode, h.TownshipCode, h.VillageCode, h.Village,
                Basic = (bool?)e.BasicMedical, Critical = (bool?)e.CriticalIllness,
            }).ToListAsync(ct);
        string StateOf(bool? basic, bool? critical) =>
            basic is null ? NotRecorded : InsuranceRules.IsCovered(basic.Value, critical ?? false) ? Covered : NotCovered;
        var states = rows.Select(r => (Row: r, State: StateOf(r.Basic, r.Critical))).ToList();
        var byVillage = states.GroupBy(s => (s.Row.TownshipCode, s.Row.VillageCode))
            .OrderBy(g => g.Key.TownshipCode, StringComparer.Ordinal).ThenBy(g => g.Key.VillageCode, StringComparer.Ordinal)
            .Select(g =>
            {
                var covered = g.Count(s => s.State == Covered);
                return new VillageCoverageView(g.Key.TownshipCode, Townships.NameOf(g.Key.TownshipCode), g.Key.VillageCode, g.First().Row.Village,
                    g.Count(), covered, g.Count(s => s.State == NotCovered), g.Count(s => s.State == NotRecorded), Share(covered, g.Count()));
            }).ToList();
        var gaps = states.Where(s => s.State != Covered)
            .OrderBy(s => s.State == NotCovered ? 0 : 1)
            .ThenBy(s => s.Row.TownshipCode, StringComparer.Ordinal).ThenBy(s => s.Row.VillageCode, StringComparer.Ordinal)
            .ThenBy(s => s.Row.HouseholdCode, StringComparer.Ordinal)
            .ToList();
        var page = places.PageOrDefault;
        var size = places.PageSizeOrDefault;
        return new CoverageReport(year, policy.MedicalInsuranceCoverage, policy.Sources[nameof(InsurancePolicy.MedicalInsuranceCoverage)],
            states.Count, states.Count(s => s.State == Covered), states.Count(s => s.State == NotCovered), states.Count(s => s.State == NotRecorded),
            byVillage, gaps.Count,
            [.. gaps.Skip((page - 1) * size).Take(size).Select(s => new CoverageGapView(s.Row.MemberId, s.Row.HouseholdId, s.Row.HouseholdCode,
                s.Row.TownshipCode, Townships.NameOf(s.Row.TownshipCode), s.Row.VillageCode, s.Row.Village,
                s.Row.Name is null ? null : security.NameFor(user, s.Row.Name), s.Row.Relation, s.State, s.Row.Basic, s.Row.Critical))]);
    }

    public static decimal Share(int part, int whole) => whole == 0 ? 0m : decimal.Round((decimal)part / whole, 4, MidpointRounding.AwayFromZero);
}
