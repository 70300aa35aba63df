using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Xichou.Agriculture.Infrastructure;
using Xichou.Agriculture.Model;
using Xichou.Agriculture.Policy;
using Xichou.Contracts;
using Xichou.DepartmentKit.Findings;
using Xichou.DepartmentKit.Households;
using Xichou.ServiceDefaults.Auditing;
using Xichou.ServiceDefaults.Http;
using Xichou.ServiceDefaults.Security;

namespace Xichou.Agriculture.Application;

/// <summary>
/// A household's coverage under 措施四 and 措施九（二）: the industries it runs (产业摸排), its “双绑” linkage and its agricultural
/// insurance, with loss claims. After each change the household's findings are reconciled in the same SaveChanges: a
/// surveyed household bound to nobody, and each key industry it runs without a policy in force, is a finding on the
/// county's risk register (published once, a unique index keeping one open per fact); a fact that no longer holds is
/// cleared (<see cref="FindingCleared"/>). A loss claim is an income risk on the register. The API and the pages call these.
/// </summary>
public sealed class CoverageDesk(
    AgricultureDbContext db, ServiceSecurity security, AgriculturePolicy policy, Department department, TimeProvider time)
{
    public const string IncomeCategory = "income";

    public bool CanWrite(ClaimsPrincipal user) => security.CanWrite(user);

    public Task<AgricultureOutcome<HouseholdAgricultureView>> SurveyAsync(Guid householdId, IndustrySurveyRequest request, ClaimsPrincipal user,
        CancellationToken ct) =>
        ChangeAsync(householdId, user, (household, errors) =>
        {
            var facts = AgricultureValidation.Survey(request, policy, Beijing.Today(time), Beijing.DateOf(household.RegisteredAt), errors);
            return facts is not { } survey ? null : async (actor, now) =>
            {
                var before = await db.HouseholdIndustries.Where(i => i.HouseholdId == household.Id).ToListAsync(ct);
                db.HouseholdIndustries.RemoveRange(before);
                db.HouseholdIndustries.AddRange(survey.Industries.Select(i => new HouseholdIndustry
                {
                    HouseholdId = household.Id, Industry = i.Industry, Scale = i.Scale, Unit = i.Unit, SurveyedOn = survey.On,
                    RecordedBy = actor.UserName, RecordedAt = now,
                }));
                // Surveyed: the household's own check is recorded (the reconciliation below sets secured or a problem).
                household.RecordSurvey(SurveyStatus.Secured, null, actor.UserName, now);
                return new
                {
                    surveyedOn = survey.On,
                    industries = new { before = before.Select(i => i.Industry).ToList(), after = survey.Industries.Select(i => i.Industry).ToList() },
                };
            };
        }, ct);

    public Task<AgricultureOutcome<HouseholdAgricultureView>> LinkAsync(Guid householdId, LinkageRequest request, ClaimsPrincipal user, CancellationToken ct) =>
        ChangeAsync(householdId, user, (household, errors) =>
        {
            var facts = AgricultureValidation.Linkage(request, Beijing.Today(time), Beijing.DateOf(household.RegisteredAt), errors);
            return facts is null ? null : (actor, now) =>
            {
                var linkage = Linkage.Bind(household.Id, facts.PartnerName, facts.Kind, facts.Benefits, facts.BoundOn, actor.UserName, now);
                db.Linkages.Add(linkage);
                return Task.FromResult<object>(new
                {
                    linkage = linkage.Id, facts.PartnerName, kind = WireName.KebabOf(facts.Kind),
                    benefits = facts.Benefits.Select(WireName.KebabOf).ToList(), facts.BoundOn,
                });
            };
        }, ct);

    public Task<AgricultureOutcome<HouseholdAgricultureView>> InsureAsync(Guid householdId, InsurancePolicyRequest request, ClaimsPrincipal user,
        CancellationToken ct) =>
        ChangeAsync(householdId, user, (household, errors) =>
        {
            var facts = AgricultureValidation.Insurance(request, policy, errors);
            return facts is null ? null : (actor, now) =>
            {
                var insured = InsurancePolicy.Record(household.Id, facts.Industry, facts.Scale, facts.Unit, facts.Insurer, facts.PolicyNumber,
                    facts.StartsOn, facts.EndsOn, actor.UserName, now);
                db.InsurancePolicies.Add(insured);
                return Task.FromResult<object>(new
                {
                    policy = insured.Id, facts.Industry, facts.Scale, facts.Unit, facts.Insurer, facts.StartsOn, facts.EndsOn,
                });
            };
        }, ct);

    /// <summary>A loss on an insured industry (出险): recorded with the policy's household, and put on the register as an income risk.</summary>
    public async Task<AgricultureOutcome<LossClaimView>> ClaimAsync(Guid policyId, LossClaimRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!security.CanWrite(user))
        {
            return new AgricultureOutcome<LossClaimView>.Forbidden();
        }
        var households = db.Households.Within(security.JurisdictionOf(user));
        var insured = await db.InsurancePolicies.FirstOrDefaultAsync(p => p.Id == policyId && households.Any(h => h.Id == p.HouseholdId), ct);
        if (insured is null)
        {
            return new AgricultureOutcome<LossClaimView>.NotFound();
        }
        var household = await db.Households.FirstAsync(h => h.Id == insured.HouseholdId, ct);
        var errors = new ValidationErrors();
        var facts = AgricultureValidation.Claim(request, insured, Beijing.Today(time), errors);
        if (facts is null)
        {
            return new AgricultureOutcome<LossClaimView>.Invalid(errors.ToDictionary());
        }
        if (household.HasExited)
        {
            return new AgricultureOutcome<LossClaimView>.Conflict(AgricultureConflicts.Exited.Title, AgricultureConflicts.Exited.Detail);
        }
        var now = time.GetUtcNow();
        var actor = Actor.Of(user);
        var claim = LossClaim.Record(insured, facts.OccurredOn, facts.Cause, facts.AmountYuan, actor.UserName, now);
        db.LossClaims.Add(claim);
        Findings.Publish(db, department, household, claim.Id, IncomeCategory, policy.LossClaimSeverity, DescribeClaim(insured, claim), now);
        db.Audit(AuditEntry.Record(actor, AuditActions.Create, now, household.Id, details: new
        {
            claim = claim.Id, policy = insured.Id, insured.Industry, facts.OccurredOn, facts.Cause, facts.AmountYuan,
        }));
        await db.SaveChangesAsync(ct);
        return new AgricultureOutcome<LossClaimView>.Done(ClaimView(claim, insured));
    }

    /// <summary>Everything agriculture holds about the household; null when it is not inside the caller's jurisdiction.</summary>
    public async Task<HouseholdAgricultureView?> OfHouseholdAsync(Guid householdId, ClaimsPrincipal user, CancellationToken ct)
    {
        var household = await db.Households.AsNoTracking().Include(h => h.Members).Within(security.JurisdictionOf(user))
            .FirstOrDefaultAsync(h => h.Id == householdId, ct);
        return household is null ? null : await ViewAsync(household, ct);
    }

    /// <summary>Open findings of one category within the caller's jurisdiction, the oldest first, with their households.</summary>
    public async Task<(int Total, IReadOnlyList<OpenFindingView> Items)> OpenFindingsAsync(string category, ClaimsPrincipal user, int take,
        CancellationToken ct)
    {
        var households = db.Households.Within(security.JurisdictionOf(user));
        var open = from f in db.AgricultureFindings.AsNoTracking()
                   join h in households on f.HouseholdId equals h.Id
                   where f.Category == category && f.ClearedAt == null
                   select new { Finding = f, Household = h };
        var total = await open.CountAsync(ct);
        var page = await open.OrderBy(x => x.Finding.Id).Take(take).ToListAsync(ct);
        return (total, [.. page.Select(x => new OpenFindingView(x.Household.Id, x.Household.HouseholdCode, security.NameFor(user, x.Household.HeadName),
            Townships.NameOf(x.Household.TownshipCode), x.Household.Village, FindingView.From(x.Finding)))]);
    }

    public static string DescribeClaim(InsurancePolicy insured, LossClaim claim) =>
        $"农业保险出险：{insured.Industry}（{SubsidyRules.Yuan(insured.Scale)}{CoverageNames.UnitName(insured.Unit)}，{insured.Insurer}承保），"
        + $"{AgricultureValidation.Format(claim.OccurredOn)}因{claim.Cause}损失{SubsidyRules.Yuan(claim.AmountYuan)}元";

    private async Task<AgricultureOutcome<HouseholdAgricultureView>> ChangeAsync(
        Guid householdId, ClaimsPrincipal user, Func<KnownHousehold, ValidationErrors, Func<Actor, DateTimeOffset, Task<object>>?> prepare,
        CancellationToken ct)
    {
        if (!security.CanWrite(user))
        {
            return new AgricultureOutcome<HouseholdAgricultureView>.Forbidden();
        }
        var household = await db.Households.Include(h => h.Members).Within(security.JurisdictionOf(user)).FirstOrDefaultAsync(h => h.Id == householdId, ct);
        if (household is null)
        {
            return new AgricultureOutcome<HouseholdAgricultureView>.NotFound();
        }
        var errors = new ValidationErrors();
        var apply = prepare(household, errors);
        if (apply is null)
        {
            return new AgricultureOutcome<HouseholdAgricultureView>.Invalid(errors.ToDictionary());
        }
        if (household.HasExited)
        {
            return new AgricultureOutcome<HouseholdAgricultureView>.Conflict(AgricultureConflicts.Exited.Title, AgricultureConflicts.Exited.Detail);
        }
        var now = time.GetUtcNow();
        var actor = Actor.Of(user);
        var details = await apply(actor, now);
        var findings = await ReconcileAsync(household, actor, now, ct);
        db.Audit(AuditEntry.Record(actor, AuditActions.Update, now, household.Id, details: new { change = details, findings }));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same finding opened a moment ago by another change of this household (one open per fact, a unique index).
            db.ChangeTracker.Clear();
            return new AgricultureOutcome<HouseholdAgricultureView>.Conflict(AgricultureConflicts.Changed.Title, AgricultureConflicts.Changed.Detail);
        }
        return new AgricultureOutcome<HouseholdAgricultureView>.Done(await ViewAsync(household, ct));
    }

    /// <summary>
    /// Opens a finding for each fact that holds and has none open, clears each open one whose fact no longer holds, and sets the
    /// household's survey (secured, or a problem naming what is missing) once it has been surveyed. Reads what the change
    /// staged, so it runs before the SaveChanges that stores both.
    /// </summary>
    private async Task<object> ReconcileAsync(KnownHousehold household, Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        var today = Beijing.DateOf(now);
        var industries = await StagedAsync(db.HouseholdIndustries.Where(i => i.HouseholdId == household.Id), i => i.HouseholdId == household.Id, ct);
        var bound = (await StagedAsync(db.Linkages.Where(l => l.HouseholdId == household.Id), l => l.HouseholdId == household.Id, ct)).Count > 0;
        var policies = await StagedAsync(db.InsurancePolicies.Where(p => p.HouseholdId == household.Id), p => p.HouseholdId == household.Id, ct);
        var surveyed = household.SurveyStatus != SurveyStatus.Pending;

        var holding = new Dictionary<(string Category, string Subject), string>();
        if (surveyed && !bound)
        {
            holding[(AgricultureFinding.Unbound, "")] = "该户尚未与合作社或龙头企业建立“双绑”利益联结（措施四：实现带贫益贫全覆盖）";
        }
        foreach (var run in CoverageRules.UninsuredKeyIndustries(industries.Select(i => i.Industry), policies, today, policy))
        {
            var scale = industries.First(i => i.Industry == run);
            holding[(AgricultureFinding.Uninsured, run)] =
                $"该户发展重点产业{run}（{SubsidyRules.Yuan(scale.Scale)}{CoverageNames.UnitName(scale.Unit)}）未参加农业保险（措施九（二））";
        }

        var open = await db.AgricultureFindings.Where(f => f.HouseholdId == household.Id && f.ClearedAt == null).ToListAsync(ct);
        var opened = new List<string>();
        var cleared = new List<string>();
        foreach (var finding in open.Where(f => !holding.ContainsKey((f.Category, f.Subject))))
        {
            var resolution = finding.Category == AgricultureFinding.Unbound
                ? "已建立“双绑”利益联结"
                : $"{finding.Subject}已参加农业保险";
            finding.Clear(resolution, actor.UserName, now);
            Findings.Clear(db, department, household, finding.Id, finding.Category, resolution, actor.UserName, now);
            cleared.Add($"{finding.Category}:{finding.Subject}");
        }
        foreach (var ((category, subject), description) in holding.Where(h => !open.Any(f => (f.Category, f.Subject) == h.Key)))
        {
            var finding = AgricultureFinding.Open(household.Id, category, subject, description, now);
            db.AgricultureFindings.Add(finding);
            Findings.Publish(db, department, household, finding.Id, category,
                category == AgricultureFinding.Unbound ? policy.UnboundSeverity : policy.UninsuredSeverity, description, now);
            opened.Add($"{category}:{subject}");
        }
        if (surveyed)
        {
            // The two facts of 措施四/九 behind the status, for the command centre: 双绑 linkage, and key industries insured.
            household.RecordSurvey(holding.Count == 0 ? SurveyStatus.Secured : SurveyStatus.Problem,
                holding.Count == 0 ? "已“双绑”，重点产业均已参保" : string.Join("；", holding.Values), actor.UserName, now,
                new Dictionary<string, bool>
                {
                    ["linked"] = bound,
                    ["industry-insured"] = !holding.Keys.Any(k => k.Category == AgricultureFinding.Uninsured),
                });
        }
        return new { opened, cleared };
    }

    /// <summary>The household's rows once this SaveChanges lands: those stored (now tracked) and those added, less those removed.</summary>
    private async Task<List<T>> StagedAsync<T>(IQueryable<T> stored, Func<T, bool> ofHousehold, CancellationToken ct) where T : class
    {
        await stored.LoadAsync(ct);
        return [.. db.ChangeTracker.Entries<T>()
            .Where(e => e.State is not (EntityState.Deleted or EntityState.Detached) && ofHousehold(e.Entity))
            .Select(e => e.Entity)];
    }

    private async Task<HouseholdAgricultureView> ViewAsync(KnownHousehold household, CancellationToken ct)
    {
        var today = Beijing.Today(time);
        var industries = await db.HouseholdIndustries.AsNoTracking().Where(i => i.HouseholdId == household.Id).OrderBy(i => i.Id).ToListAsync(ct);
        var linkages = await db.Linkages.AsNoTracking().Where(l => l.HouseholdId == household.Id).ToListAsync(ct);
        var policies = await db.InsurancePolicies.AsNoTracking().Where(p => p.HouseholdId == household.Id).ToListAsync(ct);
        var claims = await db.LossClaims.AsNoTracking().Where(c => c.HouseholdId == household.Id).ToListAsync(ct);
        var findings = await db.AgricultureFindings.AsNoTracking().Where(f => f.HouseholdId == household.Id).ToListAsync(ct);
        var account = await db.SubsidyAccounts.AsNoTracking().FirstOrDefaultAsync(a => a.HouseholdId == household.Id, ct);
        var uninsured = CoverageRules.UninsuredKeyIndustries(industries.Select(i => i.Industry), policies, today, policy);
        return new HouseholdAgricultureView(
            household.Id,
            household.SurveyStatus == SurveyStatus.Pending || household.SurveyedAt is null ? null : Beijing.DateOf(household.SurveyedAt.Value),
            [.. industries.Select(i => new IndustryRunView(i.Industry, i.Scale, i.Unit, policy.KeyIndustries.Contains(i.Industry),
                policies.Any(p => p.Industry == i.Industry && p.CoversOn(today))))],
            linkages.Count > 0,
            [.. linkages.OrderByDescending(l => l.BoundOn).Select(LinkageView.From)],
            uninsured,
            [.. policies.OrderByDescending(p => p.StartsOn).Select(p => InsurancePolicyView.From(p, today))],
            [.. claims.OrderByDescending(c => c.OccurredOn).Select(c => ClaimView(c, policies.First(p => p.Id == c.InsurancePolicyId)))],
            [.. findings.OrderByDescending(f => f.OpenedAt).Select(FindingView.From)],
            CapView.Of(account, policy),
            SubsidyDesk.Labourers(household));
    }

    private static LossClaimView ClaimView(LossClaim claim, InsurancePolicy insured) => new(claim.Id, claim.InsurancePolicyId, claim.HouseholdId,
        insured.Industry, claim.OccurredOn, claim.Cause, claim.AmountYuan, claim.Id, claim.RecordedBy, claim.RecordedAt);
}
