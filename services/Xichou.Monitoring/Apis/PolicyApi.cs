using Microsoft.AspNetCore.Http.HttpResults;
using Xichou.Monitoring.Policy;
using Xichou.ServiceDefaults.Security;

namespace Xichou.Monitoring.Apis;

public static class PolicyApi
{
    /// <summary><c>GET /api/policy</c>: the numbers this service works by, with their version and effective date.</summary>
    public static RouteHandlerBuilder MapPolicyApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/policy", (MonitoringPolicy policy) => TypedResults.Ok(policy))
            .RequireAuthorization(Policies.SignedIn)
            .WithTags("Policy")
            .WithName("GetMonitoringPolicy")
            .WithSummary("The monitoring policy in force: visit cycle, monitoring line, spike and drop thresholds, escalation period.");
}
