using System.Reflection;

namespace Xichou.Web;

/// <summary>What the shared layout needs to know about the service it is rendering for.</summary>
public sealed class UiOptions
{
    public required Department Department { get; init; }

    /// <summary>The service assembly holding its routable pages.</summary>
    public required Assembly PagesAssembly { get; init; }
}
