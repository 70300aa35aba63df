using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.WebEncoders;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xichou.Contracts;
using Xichou.ServiceDefaults.Security;
using Xichou.Web.Components;

namespace Xichou.Web;

public static class UiExtensions
{
    /// <summary>Server-rendered Razor components with the shared Chinese layout.</summary>
    public static IHostApplicationBuilder AddDepartmentUi(
        this IHostApplicationBuilder builder, Department department, Assembly pagesAssembly, IReadOnlyList<PageLink>? links = null,
        IReadOnlyList<Assembly>? sharedPageAssemblies = null)
    {
        builder.Services.AddRazorComponents();
        // In Development MapStaticAssets adds a catch-all fallback for files missing from the build manifest; it would
        // carry no authorization of its own, and no page needs it.
        builder.Configuration["DisableStaticAssetNotFoundRuntimeFallback"] = "true";
        // Chinese text is written as is, not as &#x...; entities (smaller pages, readable source).
        builder.Services.AddWebEncoders(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        builder.Services.AddSingleton(new UiOptions
        {
            Department = department, PagesAssembly = pagesAssembly, Links = links ?? [], SharedPageAssemblies = sharedPageAssemblies ?? [],
        });
        return builder;
    }

    public static WebApplication MapDepartmentUi(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<UiOptions>();
        app.UseAntiforgery();
        app.MapStaticAssets().RequireAuthorization(Policies.SignedIn);
        // Every page needs a signed-in user and names its own policy ([Authorize]): household pages the household
        // policy, the audit log the auditors'. Every page scopes its queries to the user's jurisdiction.
        app.MapRazorComponents<XichouApp>().AddAdditionalAssemblies([options.PagesAssembly, .. options.SharedPageAssemblies])
            .RequireAuthorization(Policies.SignedIn);
        return app;
    }
}
