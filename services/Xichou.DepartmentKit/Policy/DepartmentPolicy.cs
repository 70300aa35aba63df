using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xichou.Contracts;
using Xichou.DepartmentKit.Referrals;
using Xichou.ServiceDefaults.Security;

namespace Xichou.DepartmentKit.Policy;

/// <summary>
/// What every department's policy record carries besides its measure's numbers: a version and the day it takes effect,
/// so a later year's measures replace it in configuration (<c>Policy:{Department}</c>), not in code.
/// </summary>
public interface IDepartmentPolicy
{
    string Version { get; }

    DateOnly EffectiveFrom { get; }

    /// <summary>Where each number comes from (the measure's wording, a national rule, or "平台默认" for a platform default), by property name.</summary>
    IReadOnlyDictionary<string, string> Sources { get; }
}

public static class DepartmentPolicyExtensions
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// The department's policy: <paramref name="defaults"/> (the 2021 measures, or a platform default where they are silent)
    /// unless configuration carries a later one under <c>Policy:{Key}</c> (e.g. <c>Policy:Housing</c>).
    /// </summary>
    public static IHostApplicationBuilder AddDepartmentPolicy<TPolicy>(this IHostApplicationBuilder builder, Department department, TPolicy defaults)
        where TPolicy : class, IDepartmentPolicy
    {
        var section = builder.Configuration.GetSection($"Policy:{SectionNameOf(department)}");
        builder.Services.AddSingleton(section.Exists() ? section.Get<TPolicy>() ?? defaults : defaults);
        builder.Services.AddSingleton<IDepartmentPolicy>(services => services.GetRequiredService<TPolicy>());
        return builder;
    }

    /// <summary>
    /// <c>GET /api/policy</c>: the department's policy record with, under <c>referrals</c>, the deadline its referrals get
    /// and the working calendar that counts it.
    /// </summary>
    public static RouteHandlerBuilder MapDepartmentPolicy(this IEndpointRouteBuilder app, Department department) =>
        app.MapGet("/api/policy", (IDepartmentPolicy policy, ReferralPolicy referrals, WorkingCalendar calendar) =>
            {
                var document = (JsonObject)JsonSerializer.SerializeToNode(policy, policy.GetType(), Json)!;
                document["department"] = department.Key;
                document["referrals"] = JsonSerializer.SerializeToNode(ReferralTerms.Of(department, referrals, calendar), Json);
                return TypedResults.Ok(document);
            })
            .RequireAuthorization(Policies.SignedIn)
            .WithTags("Policy")
            .WithName("GetDepartmentPolicy")
            .WithSummary($"The {department.EnglishName} policy in force: version, effective date, every number of its measure with its source, and its referral deadline.");

    /// <summary>housing → Housing, command-centre → CommandCentre.</summary>
    public static string SectionNameOf(Department department) =>
        string.Concat(department.Key.Split('-').Select(part => char.ToUpperInvariant(part[0]) + part[1..]));
}

/// <summary>The referral deadline one department works to, as its policy shows it.</summary>
public sealed record ReferralTerms(
    int WorkingDays, decimal AmberShare, int CommandCentreAfterWorkingDays, string Version, DateOnly EffectiveFrom, string Source,
    string CalendarSource, IReadOnlyList<int> CalendarYears)
{
    public static ReferralTerms Of(Department department, ReferralPolicy policy, WorkingCalendar calendar) => new(
        policy.WorkingDaysFor(department.Key), policy.AmberShare, policy.CommandCentreAfterWorkingDays, policy.Version,
        policy.EffectiveFrom, policy.Source, calendar.Source, calendar.Years);
}
