using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Xichou.Contracts;
using Xichou.Monitoring.Application.Access;
using Xichou.Monitoring.Infrastructure;
using Xichou.Monitoring.Model;
using Xichou.Monitoring.Model.Support;
using Xichou.ServiceDefaults.Auditing;
using Xichou.ServiceDefaults.Http;
using Xichou.ServiceDefaults.Security;

namespace Xichou.Monitoring.Application.Pairing;

/// <summary>Add <see cref="Request"/>'s cadre to the pairing list, as <see cref="User"/>.</summary>
public sealed record CreateCadre(CreateCadreRequest Request, ClaimsPrincipal User);

/// <summary>Pair the cadre <see cref="CadreId"/> with the household <see cref="HouseholdId"/>, as <see cref="User"/>.</summary>
public sealed record PairCadre(Guid CadreId, Guid? HouseholdId, ClaimsPrincipal User);

public abstract record PairingOutcome
{
    public sealed record Done(CadreView Cadre) : PairingOutcome;

    /// <summary>No such cadre, or no such household within the caller's jurisdiction.</summary>
    public sealed record NotFound : PairingOutcome;

    public sealed record Invalid(IDictionary<string, string[]> Errors) : PairingOutcome;

    /// <summary>Only the county poverty office arranges pairing.</summary>
    public sealed record Forbidden : PairingOutcome;

    /// <summary>Already on the list, or already paired (每人挂钩1户): a bilingual title.</summary>
    public sealed record Conflict(string Title) : PairingOutcome
    {
        public static Conflict Of(string chinese, string english) => new(Bilingual.Message(chinese, english));

        /// <summary>The Chinese half, for a page.</summary>
        public string Chinese => Title.Split(" / ")[0];
    }
}

/// <summary>双绑 (措施二): cadres at deputy-section level and above, each paired with one household, arranged by the poverty office; audited.</summary>
public sealed class PairingHandler(MonitoringDbContext db, ServiceSecurity security, TimeProvider time)
{
    public async Task<PairingOutcome> CreateAsync(CreateCadre command, CancellationToken cancellationToken)
    {
        var (request, user) = command;
        if (!MonitoringAccess.MayArrangePairing(user))
        {
            return new PairingOutcome.Forbidden();
        }
        var errors = SupportValidation.Validate(request);
        if (!errors.IsEmpty)
        {
            return new PairingOutcome.Invalid(errors.ToDictionary());
        }
        var rank = SupportNames.TryParseRank(request.Rank, out var parsed) ? parsed : throw new InvalidOperationException("Validated above.");
        var cadre = Cadre.Create(request.UserName!.Trim(), request.Name!.Trim(), request.WorkUnit!.Trim(), rank);
        if (await db.Cadres.AnyAsync(c => c.UserName == cadre.UserName, cancellationToken))
        {
            return UserNameTaken(cadre.UserName);
        }
        db.Cadres.Add(cadre);
        db.Audit(AuditEntry.Record(Actor.Of(user), AuditActions.Create, time.GetUtcNow(), details: new
        {
            cadre = cadre.Id, cadre.UserName, cadre.Name, cadre.WorkUnit, rank = SupportNames.Wire(rank),
        }));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two requests for one user name at once: the unique index decides.
            return UserNameTaken(cadre.UserName);
        }
        return new PairingOutcome.Done(CadreView.From(cadre, null, user, null));
    }

    public async Task<PairingOutcome> PairAsync(PairCadre command, CancellationToken cancellationToken)
    {
        var (cadreId, householdId, user) = command;
        if (!MonitoringAccess.MayArrangePairing(user))
        {
            return new PairingOutcome.Forbidden();
        }
        if (householdId is null)
        {
            var errors = new ValidationErrors();
            errors.Add("householdId", "请选择要挂钩的农户", "The household to pair with is required.");
            return new PairingOutcome.Invalid(errors.ToDictionary());
        }
        var cadre = await db.Cadres.FirstOrDefaultAsync(c => c.Id == cadreId, cancellationToken);
        var household = await db.Households.Within(security.JurisdictionOf(user)).FirstOrDefaultAsync(h => h.Id == householdId, cancellationToken);
        if (cadre is null || household is null)
        {
            return new PairingOutcome.NotFound();
        }
        var current = await db.Households.AsNoTracking().Where(h => h.PairedCadre == cadre.UserName).Select(h => h.Code).FirstOrDefaultAsync(cancellationToken);
        if (current is not null)
        {
            return PairingOutcome.Conflict.Of($"该干部已挂钩农户 {current}（每人挂钩1户）", $"The cadre is already paired with household {current} (one household each).");
        }
        if (household.PairedCadre is not null)
        {
            return PairingOutcome.Conflict.Of("该农户已有挂钩干部", "The household already has a paired cadre.");
        }
        household.PairWith(cadre.UserName);
        db.Audit(AuditEntry.Record(Actor.Of(user), AuditActions.Update, time.GetUtcNow(), household.Id, details: new
        {
            pairedCadre = cadre.UserName, cadre.Name, cadre.WorkUnit, household.Code,
        }));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two pairings of one cadre at once: the unique index on PairedCadre lets one through.
            return PairingOutcome.Conflict.Of("该干部已挂钩其他农户（每人挂钩1户）", "The cadre is already paired with another household (one household each).");
        }
        return new PairingOutcome.Done(CadreView.From(cadre, household, user, security));
    }

    private static PairingOutcome.Conflict UserNameTaken(string userName) =>
        PairingOutcome.Conflict.Of($"用户名 {userName} 已在挂钩干部名单中", $"The user name {userName} is already on the cadre list.");
}

/// <summary>The pairing desk's lists, within the caller's jurisdiction.</summary>
public sealed class PairingQueries(MonitoringDbContext db, ServiceSecurity security)
{
    public const int MaxUnpaired = 500;

    /// <summary>Cadres and their paired household; county-wide users see all, others the cadres paired inside their jurisdiction.</summary>
    public async Task<List<CadreView>> CadresAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var scope = security.JurisdictionOf(user);
        var households = db.Households.AsNoTracking().Within(scope).Where(h => h.PairedCadre != null);
        var rows = await (
            from cadre in db.Cadres.AsNoTracking()
            join household in households on cadre.UserName equals household.PairedCadre into paired
            from household in paired.DefaultIfEmpty()
            where scope.Level == JurisdictionLevel.County || household != null
            orderby cadre.WorkUnit, cadre.Name
            select new { cadre, household })
            .ToListAsync(cancellationToken);
        // 回头看 visits count for pairing (measure 2), not for the half-month cycle: each cadre's visits to their household.
        var pairedIds = rows.Where(r => r.household is not null).Select(r => r.household!.Id).ToList();
        var cadreVisits = (await db.Visits.AsNoTracking().Where(v => v.Kind == VisitKind.Cadre && pairedIds.Contains(v.HouseholdId))
                .Select(v => new { v.HouseholdId, v.VisitedOn }).ToListAsync(cancellationToken))
            .GroupBy(v => v.HouseholdId).ToDictionary(g => g.Key, g => (Count: g.Count(), Last: g.Max(v => v.VisitedOn)));
        return rows.ConvertAll(r => CadreView.From(r.cadre, r.household, user, security) with
        {
            CadreVisits = r.household is not null && cadreVisits.TryGetValue(r.household.Id, out var visits) ? visits.Count : 0,
            LastCadreVisitOn = r.household is not null && cadreVisits.TryGetValue(r.household.Id, out var last) ? last.Last : null,
        });
    }

    /// <summary>Households still monitored that no cadre is paired with, optionally in one village, at most <see cref="MaxUnpaired"/>.</summary>
    public async Task<UnpairedPage> UnpairedAsync(string? village, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var query = db.Households.AsNoTracking().Within(security.JurisdictionOf(user))
            .Where(h => h.PairedCadre == null && h.Status != HouseholdStatus.Exited);
        if (!string.IsNullOrWhiteSpace(village))
        {
            query = query.Where(h => h.VillageCode == village);
        }
        var total = await query.CountAsync(cancellationToken);
        var page = await query.OrderBy(h => h.TownshipCode).ThenBy(h => h.VillageCode).ThenBy(h => h.Code).Take(MaxUnpaired).ToListAsync(cancellationToken);
        return new UnpairedPage(total, page.ConvertAll(h => new UnpairedHousehold(
            h.Id, h.Code, Townships.NameOf(h.TownshipCode), h.VillageCode, h.Village, security.NameFor(user, h.HeadName), h.PerCapitaIncome)));
    }
}

public sealed record CadreView(
    Guid Id, string UserName, string Name, string WorkUnit, string Rank, string RankName,
    Guid? HouseholdId, string? HouseholdCode, string? Village, string? HeadName)
{
    /// <summary>The cadre visits (回头看) recorded for the paired household: they count for pairing, not for the monitoring cycle.</summary>
    public int CadreVisits { get; init; }

    public DateOnly? LastCadreVisitOn { get; init; }

    public static CadreView From(Cadre cadre, Household? household, ClaimsPrincipal user, ServiceSecurity? security) => new(
        cadre.Id, cadre.UserName, cadre.Name, cadre.WorkUnit, SupportNames.Wire(cadre.Rank), SupportNames.Chinese(cadre.Rank),
        household?.Id, household?.Code,
        household is null ? null : $"{Townships.NameOf(household.TownshipCode)}{household.Village}",
        household is null ? null : security?.NameFor(user, household.HeadName) ?? household.HeadName);
}

public sealed record UnpairedHousehold(Guid Id, string HouseholdCode, string TownshipName, string VillageCode, string Village, string HeadName, decimal PerCapitaIncome);

public sealed record UnpairedPage(int Total, IReadOnlyList<UnpairedHousehold> Items);
