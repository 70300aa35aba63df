using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Xichou.CommandCentre.Feed;
using Xichou.CommandCentre.Infrastructure;
using Xichou.Contracts;
using Xichou.ServiceDefaults.Auditing;
using Xichou.ServiceDefaults.Http;
using Xichou.ServiceDefaults.Security;

namespace Xichou.CommandCentre.Overview;

public sealed record HouseholdLine(Guid Id, string HouseholdCode, string Township, string TownshipName, string Village, string HeadName,
    string HeadIdNumber, string? Status, DateOnly? LastCycleVisitOn, bool Paired, int OpenRisks, int OverdueReferrals);

public sealed record HouseholdPage(string List, bool Met, int Total, int Page, int PageSize, IReadOnlyList<HouseholdLine> Items);

public sealed record TownshipOverview(string Code, string Name, OverviewView Overview);

public sealed record SupervisionItem(string Kind, string KindName, Guid HouseholdId, string HouseholdCode, string Township, string TownshipName,
    string Village, string HeadName, string? Department, string? DepartmentName, DateOnly? Due, int DaysOver);

/// <summary>What a commander supervises this month: everything overdue in the zone, and what falls due before the month ends.</summary>
public sealed record SupervisionView(string Scope, DateOnly Today, DateOnly MonthEnd, IReadOnlyList<SupervisionItem> Overdue,
    IReadOnlyList<SupervisionItem> DueThisMonth, IReadOnlyList<SupervisionItem> EscalatedRisks);

public sealed record RebuildResult(long Events, double Seconds);

/// <summary>The overview's API: <c>/api/overview</c> and its drill-downs, its live stream, and the projections' rebuild.</summary>
public static class OverviewApi
{
    /// <summary>The lists behind a number, beside the measure keys.</summary>
    public static readonly IReadOnlyList<string> Lists = ["households", "overdue-visits", "open-risks", "overdue-referrals"];

    public const int MaxPageSize = 200;

    public static RouteGroupBuilder MapOverviewApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/overview").WithTags("Overview").RequireAuthorization(OverviewScope.Policy);
        api.MapGet("/", GetOverview).WithName("GetOverview")
            .WithSummary("The county's overview in the caller's scope (a commander: their townships); ?township= narrows it to one township.");
        api.MapGet("/townships/{code}", GetTownship).WithName("GetTownshipOverview")
            .WithSummary("One township's overview with its villages as the places.");
        api.MapGet("/households", ListHouseholds).WithName("ListOverviewHouseholds")
            .WithSummary("The households behind a number: ?measure= (a measure key, or households|overdue-visits|open-risks|overdue-referrals)"
                + "&met=true|false&township=&village=&status=&page=&pageSize=; names masked except for the poverty office, ID numbers always masked.");
        api.MapGet("/supervision", GetSupervision).WithName("GetSupervision")
            .WithSummary("What to supervise this month in the caller's scope: overdue visits and referrals, referrals due this month, risks escalated.");
        api.MapGet("/stream", Stream).WithName("StreamOverview")
            .WithSummary("Server-sent events: 'overview' (the whole overview, at once and after each change) and 'heartbeat' every few seconds.");
        app.MapPost("/api/overview/rebuild", Rebuild).WithTags("Overview").WithName("RebuildProjections")
            .RequireAuthorization(RebuildPolicy)
            .WithSummary("Empties the overview's projections and replays the event table into them (admin only).");
        return api;
    }

    public const string RebuildPolicy = "command-centre:rebuild";

    public static async Task<Results<Ok<OverviewView>, ValidationProblem, ForbidHttpResult>> GetOverview(
        string? township, ClaimsPrincipal user, OverviewCache cache, CancellationToken ct)
    {
        if (OverviewScope.Of(user) is not { } scope)
        {
            return TypedResults.Forbid();
        }
        var errors = new ValidationErrors();
        CheckTownship(errors, "township", township, scope);
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: Bilingual.ValidationTitle);
        }
        return TypedResults.Ok(OverviewComposer.Compose(await cache.GetAsync(ct), scope, Blank(township) ? null : township!.Trim()));
    }

    public static async Task<Results<Ok<TownshipOverview>, NotFound, ForbidHttpResult>> GetTownship(
        string code, ClaimsPrincipal user, OverviewCache cache, CancellationToken ct)
    {
        if (OverviewScope.Of(user) is not { } scope)
        {
            return TypedResults.Forbid();
        }
        if (!Contracts.Townships.IsKnown(code) || !scope.Covers(code))
        {
            return TypedResults.NotFound();
        }
        return TypedResults.Ok(new TownshipOverview(code, Contracts.Townships.NameOf(code), OverviewComposer.Compose(await cache.GetAsync(ct), scope, code)));
    }

    public static async Task<Results<Ok<HouseholdPage>, ValidationProblem, ForbidHttpResult>> ListHouseholds(
        string? measure, bool? met, string? township, string? village, string? status, int? page, int? pageSize,
        ClaimsPrincipal user, CommandCentreDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (OverviewScope.Of(user) is not { } scope)
        {
            return TypedResults.Forbid();
        }
        var list = Blank(measure) ? "households" : measure!.Trim();
        var errors = new ValidationErrors();
        if (!Feed.Measures.IsKnown(list) && !Lists.Contains(list))
        {
            errors.Add("measure", $"未知的指标：{list}", $"Unknown measure '{list}'; one of: {string.Join(", ", Feed.Measures.All.Select(m => m.Key).Concat(Lists))}.");
        }
        CheckTownship(errors, "township", township, scope);
        if (!Blank(village) && (!Villages.IsKnown(village!.Trim()) || !scope.Covers(Villages.TownshipOf(village.Trim()))))
        {
            errors.Add("village", $"未知的村或不在您的范围内：{village}", $"Unknown village '{village}', or outside your scope.");
        }
        if (!Blank(status) && !OverviewComposer.Statuses.Any(s => s.Key == status!.Trim()))
        {
            errors.Add("status", $"未知的状态：{status}", "Unknown status; one of: monitored, riskEliminated, exited.");
        }
        if (page is < 1 or > 100_000)
        {
            errors.Add("page", "页码须在 1 到 100000 之间", "page is between 1 and 100000.");
        }
        if (pageSize is < 1 or > MaxPageSize)
        {
            errors.Add("pageSize", $"每页条数须在 1 到 {MaxPageSize} 之间", $"pageSize is between 1 and {MaxPageSize}.");
        }
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: Bilingual.ValidationTitle);
        }
        var result = await HouseholdLists.QueryAsync(db, scope, list, met ?? true, Blank(township) ? null : township!.Trim(),
            Blank(village) ? null : village!.Trim(), Blank(status) ? null : status!.Trim(), page ?? 1, pageSize ?? 50, Beijing.Today(time), ct);
        return TypedResults.Ok(result);
    }

    public static async Task<Results<Ok<SupervisionView>, ForbidHttpResult>> GetSupervision(
        ClaimsPrincipal user, CommandCentreDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (OverviewScope.Of(user) is not { } scope)
        {
            return TypedResults.Forbid();
        }
        return TypedResults.Ok(await HouseholdLists.SupervisionAsync(db, scope, Beijing.Today(time), ct));
    }

    public static Results<ServerSentEventsResult<string>, ForbidHttpResult> Stream(
        string? township, ClaimsPrincipal user, OverviewCache cache, OverviewSignal signal, IConfiguration configuration, CancellationToken ct)
    {
        if (OverviewScope.Of(user) is not { } scope || (!Blank(township) && (!Contracts.Townships.IsKnown(township) || !scope.Covers(township!))))
        {
            return TypedResults.Forbid();
        }
        var heartbeat = TimeSpan.FromSeconds(Math.Clamp(configuration.GetValue("CommandCentre:HeartbeatSeconds", 10.0), 0.5, 25));
        return TypedResults.ServerSentEvents(Events(scope, Blank(township) ? null : township, cache, signal, heartbeat, ct));
    }

    private static async IAsyncEnumerable<SseItem<string>> Events(OverviewScope scope, string? township, OverviewCache cache, OverviewSignal signal,
        TimeSpan heartbeat, [EnumeratorCancellation] CancellationToken ct)
    {
        // A change sends the overview at once when the cells are computed on the request; where they are refreshed in the
        // background (a large county), the refresh's end sends it. The same version is never sent twice.
        var next = signal.NextChange;
        var refreshed = cache.NextRefresh;
        var data = await cache.GetAsync(ct);
        var sent = data.Version;
        yield return Overview(OverviewComposer.Compose(data, scope, township));
        // The heartbeat is due a period after whatever was sent last, however often the loop wakes without sending.
        var tick = Task.Delay(heartbeat, ct);
        while (!ct.IsCancellationRequested)
        {
            var first = await Task.WhenAny(next, refreshed, tick);
            if (ct.IsCancellationRequested)
            {
                yield break;
            }
            if (first == tick)
            {
                yield return new SseItem<string>(JsonSerializer.Serialize(new { at = DateTimeOffset.UtcNow }, Projector.Json), "heartbeat");
                tick = Task.Delay(heartbeat, ct);
                continue;
            }
            next = signal.NextChange;
            refreshed = cache.NextRefresh;
            data = await cache.GetAsync(ct);
            if (data.Version != sent)
            {
                sent = data.Version;
                yield return Overview(OverviewComposer.Compose(data, scope, township));
                tick = Task.Delay(heartbeat, ct);
            }
        }
    }

    private static SseItem<string> Overview(OverviewView view) =>
        new(JsonSerializer.Serialize(view, Projector.Json), "overview") { EventId = view.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    public static async Task<Ok<RebuildResult>> Rebuild(ClaimsPrincipal user, ProjectionRebuild rebuild, CommandCentreDbContext db, TimeProvider time,
        CancellationToken ct)
    {
        var result = await rebuild.RunAsync(ct);
        db.ChangeTracker.Clear();
        db.Audit(AuditEntry.Record(Actor.Of(user), AuditActions.Update, time.GetUtcNow(), field: "projections",
            details: new { result.Events, seconds = result.Took.TotalSeconds }));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new RebuildResult(result.Events, Math.Round(result.Took.TotalSeconds, 3)));
    }

    private static void CheckTownship(ValidationErrors errors, string field, string? township, OverviewScope scope)
    {
        if (!Blank(township) && (!Contracts.Townships.IsKnown(township!.Trim()) || !scope.Covers(township.Trim())))
        {
            errors.Add(field, $"未知的乡镇或不在您的范围内：{township}", $"Unknown township '{township}', or outside your scope.");
        }
    }

    private static bool Blank(string? value) => string.IsNullOrWhiteSpace(value);
}
