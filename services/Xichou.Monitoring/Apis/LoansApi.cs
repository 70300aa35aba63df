using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Xichou.Contracts;
using Xichou.Monitoring.Application.Loans;
using Xichou.Monitoring.Infrastructure;
using Xichou.Monitoring.Model;
using Xichou.Monitoring.Model.Support;
using Xichou.Monitoring.Policy;
using Xichou.ServiceDefaults.Auditing;
using Xichou.ServiceDefaults.Http;
using Xichou.ServiceDefaults.Security;

namespace Xichou.Monitoring.Apis;

/// <summary>Measure 7 (扶贫小额信贷): loan needs and applications per household, and 应贷尽贷 coverage per township.</summary>
public static class LoansApi
{
    public const int MaxLoans = LoanQueries.MaxLoans;

    public static IEndpointRouteBuilder MapLoansApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/households/{id:guid}/loans", RecordNeed)
            .WithTags("Microcredit")
            .RequireAuthorization(Policies.WriteHouseholds)
            .WithName("RecordLoanNeed")
            .WithSummary("Record a household's microcredit need (purpose, amount up to the policy's MaxLoanYuan, 50,000 yuan by default); audited.");
        var loans = app.MapGroup("/api/loans").WithTags("Microcredit");
        loans.MapPost("/{id:guid}/status", ChangeStatus)
            .RequireAuthorization(Policies.WriteHouseholds)
            .WithName("ChangeLoanStatus")
            .WithSummary("Move a loan on: applied (with lender credit-union|agricultural-bank), approved, disbursed, or declined (with a reason); any other step is 409; audited.");
        loans.MapGet("/", ListLoans)
            .RequireAuthorization(Policies.ReadHouseholds)
            .WithName("ListLoans")
            .WithSummary("Loans of the households within the caller's jurisdiction, newest first, optionally by status or township.");
        loans.MapGet("/coverage", Coverage)
            .RequireAuthorization(Policies.ReadHouseholds)
            .WithName("LoanCoverage")
            .WithSummary("应贷尽贷 per township within the caller's jurisdiction: households with a need, households that got a loan (disbursed), coverage %.");
        return app;
    }

    public static async Task<Results<Created<LoanView>, NotFound, ValidationProblem>> RecordNeed(
        Guid id, RecordLoanNeedRequest request, ClaimsPrincipal user, ServiceSecurity security, MonitoringDbContext db, MonitoringPolicy policy,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var household = await db.Households.AsNoTracking().Within(security.JurisdictionOf(user)).FirstOrDefaultAsync(h => h.Id == id, cancellationToken);
        if (household is null)
        {
            return TypedResults.NotFound();
        }
        var errors = SupportValidation.Validate(request, policy.MaxLoanYuan);
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: Bilingual.ValidationTitle);
        }
        var now = time.GetUtcNow();
        var loan = Loan.RecordNeed(household.Id, request.Purpose!.Trim(), request.Amount!.Value, now);
        db.Loans.Add(loan);
        db.Audit(AuditEntry.Record(Actor.Of(user), AuditActions.Create, now, household.Id, details: new
        {
            loan = loan.Id, loan.Purpose, loan.Amount, status = SupportNames.Wire(loan.Status),
        }));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"api/loans/{loan.Id}", LoanView.From(loan, household, user, security));
    }

    public static async Task<Results<Ok<LoanView>, NotFound, ValidationProblem, ProblemHttpResult>> ChangeStatus(
        Guid id, ChangeLoanStatusRequest request, ClaimsPrincipal user, ServiceSecurity security, MonitoringDbContext db, MonitoringPolicy policy,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var households = db.Households.Within(security.JurisdictionOf(user));
        var found = await (
            from loan in db.Loans
            join household in households on loan.HouseholdId equals household.Id
            where loan.Id == id
            select new { loan, household }).FirstOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return TypedResults.NotFound();
        }
        var errors = SupportValidation.Validate(request, policy.MaxLoanYuan);
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: Bilingual.ValidationTitle);
        }
        var next = SupportNames.TryParseStatus(request.Status, out var status) ? status : throw new InvalidOperationException("Validated above.");
        Lender? lender = SupportNames.TryParseLender(request.Lender, out var parsed) ? parsed : null;
        var loanToMove = found.loan;
        var from = loanToMove.Status;
        var now = time.GetUtcNow();
        if (!loanToMove.MoveTo(next, lender, request.Amount, request.Reason?.Trim(), now))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
                title: Bilingual.Message(
                    $"贷款不能从“{SupportNames.Chinese(from)}”变为“{SupportNames.Chinese(next)}”",
                    $"A loan cannot go from {SupportNames.Wire(from)} to {SupportNames.Wire(next)}."),
                detail: Bilingual.Message("流程为：有贷款需求 → 已申请 → 已审批 → 已放款，或在放款前未获批",
                    "The steps are need → applied → approved → disbursed, or declined before disbursement."),
                extensions: new Dictionary<string, object?> { ["status"] = SupportNames.Wire(from) });
        }
        db.Audit(AuditEntry.Record(Actor.Of(user), AuditActions.Update, now, found.household.Id, details: new
        {
            loan = loanToMove.Id,
            from = SupportNames.Wire(from),
            to = SupportNames.Wire(next),
            lender = loanToMove.Lender is { } l ? SupportNames.Wire(l) : null,
            loanToMove.Amount,
            reason = loanToMove.DeclineReason,
        }));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(LoanView.From(loanToMove, found.household, user, security));
    }

    public static async Task<Results<Ok<List<LoanView>>, ValidationProblem>> ListLoans(
        string? status, string? township, ClaimsPrincipal user, LoanQueries queries, CancellationToken cancellationToken) =>
        await queries.ListAsync(new LoanListQuery(status, township), user, cancellationToken) switch
        {
            LoanListOutcome.Listed listed => TypedResults.Ok(listed.Loans),
            LoanListOutcome.Invalid invalid => TypedResults.ValidationProblem(invalid.Errors, title: Bilingual.ValidationTitle),
            _ => throw new InvalidOperationException("Every outcome is mapped."),
        };

    public static async Task<Ok<LoanCoverageReport>> Coverage(ClaimsPrincipal user, LoanQueries queries, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.CoverageAsync(user, cancellationToken));
}
