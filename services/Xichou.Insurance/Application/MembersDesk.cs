using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Xichou.Contracts;
using Xichou.DepartmentKit.Households;
using Xichou.Insurance.Infrastructure;
using Xichou.ServiceDefaults.Http;
using Xichou.ServiceDefaults.Security;

namespace Xichou.Insurance.Application;

/// <summary><c>GET /api/members</c>: paging and place filters, and one household's members with <c>householdId</c>.</summary>
public sealed record MemberListQuery(string? Township, string? Village, Guid? HouseholdId, int? Page, int? PageSize)
{
    public HouseholdListQuery Places => new(Township, Village, Page, PageSize);
}

/// <summary>
/// A member as insurance shows it: the household's place, the name (masked for readers who see no one in particular), the ID
/// number masked unless revealed with a reason, the health state to insurance's own staff only (敏感个人信息).
/// </summary>
public sealed record InsuranceMemberView(
    Guid Id, Guid HouseholdId, string HouseholdCode, string TownshipCode, string TownshipName, string? VillageCode, string Village,
    bool HouseholdExited, string? Name, string? Relation, string? Sex, DateOnly? BirthDate, string? IdNumber, string? HealthState);

public sealed record InsuranceMemberPage(int Total, int Page, int PageSize, IReadOnlyList<InsuranceMemberView> Items);

/// <summary>The members insurance is told about (every member, 措施八 covers each person), within the caller's jurisdiction.</summary>
public sealed class MembersDesk(InsuranceDbContext db, ServiceSecurity security, TimeProvider time)
{
    public const int MaxPageSize = 200;

    public async Task<InsuranceMemberPage> ListAsync(MemberListQuery query, RevealDecision decision, ClaimsPrincipal user, CancellationToken ct)
    {
        var households = query.Places.Apply(db.Households.AsNoTracking().Within(security.JurisdictionOf(user)));
        if (query.HouseholdId is { } only)
        {
            households = households.Where(h => h.Id == only);
        }
        var members =
            from m in db.Members.AsNoTracking()
            join h in households on m.HouseholdId equals h.Id
            select new { Member = m, Household = h };
        var total = await members.CountAsync(ct);
        var pageSize = query.PageSize ?? 50;
        var page = query.Page ?? 1;
        var rows = await members
            .OrderBy(r => r.Household.TownshipCode).ThenBy(r => r.Household.VillageCode).ThenBy(r => r.Household.HouseholdCode)
            .ThenBy(r => r.Member.Relation == "head" ? 0 : 1).ThenBy(r => r.Member.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .ToListAsync(ct);
        // A reveal is one audit line per household shown, saved before the full numbers leave.
        foreach (var householdId in rows.Select(r => r.Household.Id).Distinct())
        {
            await db.AuditRevealAsync(decision, user, householdId, time, ct);
        }
        var reveal = decision.Reveals(PersonalData.IdNumber);
        return new InsuranceMemberPage(total, page, pageSize, [.. rows.Select(r => View(r.Member, r.Household, user, reveal))]);
    }

    /// <summary>The member and its household when the caller's jurisdiction covers it; tracked when <paramref name="tracked"/>.</summary>
    public async Task<(KnownMember Member, KnownHousehold Household)?> FindAsync(Guid memberId, ClaimsPrincipal user, CancellationToken ct,
        bool tracked = false)
    {
        var households = db.Households.Within(security.JurisdictionOf(user));
        var found = await (
            from m in db.Members.AsNoTracking()
            join h in tracked ? households : households.AsNoTracking() on m.HouseholdId equals h.Id
            where m.Id == memberId
            select new { Member = m, Household = h }).FirstOrDefaultAsync(ct);
        return found is null ? null : (found.Member, found.Household);
    }

    public InsuranceMemberView View(KnownMember member, KnownHousehold household, ClaimsPrincipal user, bool revealIdNumber)
    {
        var shown = KnownMemberView.From(member, user, security, revealIdNumber);
        return new InsuranceMemberView(member.Id, household.Id, household.HouseholdCode, household.TownshipCode,
            Townships.NameOf(household.TownshipCode), household.VillageCode, household.Village, household.HasExited, shown.Name,
            shown.Relation, shown.Sex, shown.BirthDate, shown.IdNumber, shown.HealthState);
    }

    /// <summary>Relation wire names in Chinese, as the pages show them.</summary>
    public static string RelationName(string? relation) => relation switch
    {
        "head" => "户主",
        "spouse" => "配偶",
        "child" => "子女",
        "parent" => "父母",
        "grandchild" => "孙辈",
        "grandparent" => "祖父母",
        "sibling" => "兄弟姐妹",
        null => "",
        _ => "其他",
    };

    /// <summary>A member's name as the pages say it: the name, else the relation.</summary>
    public static string Label(InsuranceMemberView member) => member.Name ?? RelationName(member.Relation);

    internal static string WireOf<T>(T value) where T : struct, Enum => WireName.Of(value);
}
