using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Xichou.Contracts;
using Xichou.Monitoring.Policy;
using Xichou.ServiceDefaults.Security;

namespace Xichou.Monitoring.Apis;

public static class PolicyApi
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// <c>GET /api/policy</c>: the version in force today (or on <c>?on=yyyy-MM-dd</c>) with every number and its source, and
    /// under <c>versions</c> every configured version with its effective date, the earliest first.
    /// </summary>
    public static RouteHandlerBuilder MapPolicyApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/policy", (DateOnly? on, MonitoringPolicies policies, TimeProvider time) =>
            {
                var day = on ?? Beijing.Today(time);
                var document = (JsonObject)JsonSerializer.SerializeToNode(policies.InForceOn(day), Json)!;
                document["inForceOn"] = JsonSerializer.SerializeToNode(day, Json);
                document["versions"] = JsonSerializer.SerializeToNode(policies.Versions, Json);
                return TypedResults.Ok(document);
            })
            .RequireAuthorization(Policies.SignedIn)
            .WithTags("Policy")
            .WithName("GetMonitoringPolicy")
            .WithSummary("The monitoring policy in force today or ?on= a date: visit cycle, monitoring line, spike and drop thresholds and severities, "
                + "escalation period, loan cap, each with its source (the measures, a national rule or 平台默认), and every configured version.");
}
