using Microsoft.EntityFrameworkCore;
using Xichou.DepartmentKit.Households;
using Xichou.Education.Infrastructure;
using Xichou.ServiceDefaults.Security;

namespace Xichou.Education.Application;

/// <summary>
/// The school-age members education knows within a jurisdiction: the register's members it is told about (children 3 to
/// 17 and anyone in school, <c>MemberShare.SchoolAge</c>) joined with its own survey records and the grants of one period.
/// A record whose member the register no longer lists is kept and shown as such.
/// </summary>
public sealed class StudentDirectory(EducationDbContext db)
{
    public async Task<List<StudentFacts>> LoadAsync(Jurisdiction scope, string period, Guid? householdId, Guid? studentId, bool tracking,
        CancellationToken ct)
    {
        var households = db.Households.Within(scope);
        if (householdId is { } h)
        {
            households = households.Where(x => x.Id == h);
        }
        var members = db.Members.Where(m => households.Any(x => x.Id == m.HouseholdId));
        var records = db.Students.Where(s => households.Any(x => x.Id == s.HouseholdId));
        var grants = db.Subsidies.Where(g => g.Period == period && households.Any(x => x.Id == g.HouseholdId));
        if (studentId is { } id)
        {
            members = members.Where(m => m.Id == id);
            records = records.Where(s => s.Id == id);
            grants = grants.Where(g => g.StudentId == id);
        }
        if (!tracking)
        {
            members = members.AsNoTracking();
            records = records.AsNoTracking();
            grants = grants.AsNoTracking();
        }
        var memberList = await members.ToListAsync(ct);
        var recordList = await records.ToDictionaryAsync(s => s.Id, ct);
        var grantList = await grants.ToDictionaryAsync(g => g.StudentId, ct);
        var householdIds = memberList.Select(m => m.HouseholdId).Concat(recordList.Values.Select(r => r.HouseholdId)).Distinct().ToList();
        var householdQuery = db.Households.Where(x => householdIds.Contains(x.Id));
        var known = await (tracking ? householdQuery : householdQuery.AsNoTracking()).ToDictionaryAsync(x => x.Id, ct);

        var facts = memberList.Select(m => new StudentFacts(known[m.HouseholdId], m, recordList.GetValueOrDefault(m.Id), grantList.GetValueOrDefault(m.Id)))
            .ToList();
        var listed = memberList.Select(m => m.Id).ToHashSet();
        facts.AddRange(recordList.Values.Where(r => !listed.Contains(r.Id))
            .Select(r => new StudentFacts(known[r.HouseholdId], null, r, grantList.GetValueOrDefault(r.Id))));
        return facts;
    }
}
