using System.Reflection;
using Xichou.Contracts;

namespace Xichou.Web;

/// <summary>What the shared layout needs to know about the service it is rendering for.</summary>
public sealed class UiOptions
{
    public required Department Department { get; init; }

    /// <summary>The service assembly holding its routable pages.</summary>
    public required Assembly PagesAssembly { get; init; }

    /// <summary>Further assemblies with routable pages the service shows (the department kit's referral pages).</summary>
    public IReadOnlyList<Assembly> SharedPageAssemblies { get; init; } = [];

    /// <summary>Every assembly the router looks in besides the service's own: this library's and the shared ones.</summary>
    public IEnumerable<Assembly> AdditionalAssemblies => [typeof(UiOptions).Assembly, .. SharedPageAssemblies];

    /// <summary>The service's own pages in the navigation bar, each shown only to users its policy admits.</summary>
    public IReadOnlyList<PageLink> Links { get; init; } = [];
}

/// <summary>A link in the navigation bar: relative address, Chinese text, and the page's authorization policy.</summary>
public sealed record PageLink(string Href, string Text, string Policy);
