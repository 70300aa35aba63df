using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using MiniExcelLibs;
using Xichou.Contracts;
using Xichou.ServiceDefaults.Auditing;
using Xichou.ServiceDefaults.Data;
using Xichou.ServiceDefaults.Security;

namespace Xichou.DepartmentKit.Ledger;

/// <summary><c>GET /api/ledger</c> and <c>GET /api/ledger/export</c> (.xlsx) of a department that has a ledger source.</summary>
public static class LedgerApi
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static RouteGroupBuilder MapLedgerApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/ledger").WithTags("Ledger").RequireAuthorization(Policies.ReadHouseholds);
        api.MapGet("/", GetLedger)
            .WithName("GetLedger")
            .WithSummary("The department's ledger (台账) by township and village within the caller's jurisdiction.");
        api.MapGet("/export", ExportLedger)
            .RequireSameOriginFromBrowsers()
            .WithName("ExportLedger")
            .WithSummary("The same ledger as an .xlsx file, township subtotals and villages; audited.");
        return api;
    }

    public static async Task<Ok<DepartmentLedger>> GetLedger(
        ClaimsPrincipal user, ServiceSecurity security, ILedgerSource source, CancellationToken cancellationToken) =>
        TypedResults.Ok(await source.BuildAsync(security.JurisdictionOf(user), cancellationToken));

    public static async Task<FileContentHttpResult> ExportLedger(
        ClaimsPrincipal user, ServiceSecurity security, ILedgerSource source, ServiceDbContext db, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var scope = security.JurisdictionOf(user);
        var ledger = await source.BuildAsync(scope, cancellationToken);
        var file = await ToXlsxAsync(ledger, cancellationToken);
        var now = time.GetUtcNow();
        db.Audit(AuditEntry.Record(Actor.Of(user), AuditActions.Export, now,
            details: new { ledger = ledger.Title, lines = ledger.Lines.Count, scope = scope.DisplayName }));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.File(file, XlsxContentType,
            $"{ledger.Title}-{scope.DisplayName}-{Beijing.DateOf(now).ToString("yyyyMMdd", CultureInfo.InvariantCulture)}.xlsx");
    }

    /// <summary>One row per line: 乡镇, 村委会, then the columns; the county's total last.</summary>
    public static async Task<byte[]> ToXlsxAsync(DepartmentLedger ledger, CancellationToken cancellationToken)
    {
        Dictionary<string, object?> Row(string township, string village, IReadOnlyList<decimal> values)
        {
            var row = new Dictionary<string, object?> { ["乡镇"] = township, ["村委会"] = village };
            for (var i = 0; i < ledger.Columns.Count; i++)
            {
                row[ledger.Columns[i].Header] = values[i];
            }
            return row;
        }
        var rows = ledger.Lines.Select(line => Row(Townships.NameOf(line.TownshipCode), line.IsTownship ? "（小计）" : line.Place, line.Values))
            .Append(Row("合计", ledger.Scope, ledger.Totals))
            .ToList();
        using var file = new MemoryStream();
        await file.SaveAsAsync(rows, sheetName: ledger.Title, cancellationToken: cancellationToken);
        return file.ToArray();
    }
}
