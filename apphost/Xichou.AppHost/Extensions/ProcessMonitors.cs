using Microsoft.Extensions.Configuration;

namespace Xichou.AppHost.Extensions;

public static class ProcessMonitorExtensions
{
    /// <summary>DCP starts no monitor process while this is set, whatever its value (dcpproc.RunProcessWatcher).</summary>
    private const string DisableVariable = "DCP_DISABLE_MONITOR_PROCESS";

    /// <summary>
    /// Aspire's orchestrator (DCP) starts a <c>dcp monitor-process</c> beside every resource it runs, to kill the resource
    /// should DCP itself die: twelve Go processes of about 23 MB PSS and 68 MB RSS each, 270 MB PSS and 810 MB RSS in all
    /// for an idle platform (scripts/footprint.sh), more than any service. On Linux the app host turns them off
    /// (<c>Orchestration:DcpProcessMonitors=true</c> keeps them) and every program it builds watches its own parent instead
    /// (<c>Lifetime:StopWithParent</c>, Xichou.ServiceDefaults' ParentWatch). When DCP stops normally, or the app host dies,
    /// DCP stops every resource as before; only should DCP's controller die abruptly would the broker, its epmd and the
    /// dashboard outlive it, and <c>./run.sh</c> stops them at exit by the run's id (scripts/leftovers.sh).
    /// DCP reads its environment when the app host starts it, so this must run before <c>Build()</c>.
    /// </summary>
    public static IDistributedApplicationBuilder UseProgramsOwnParentWatch(this IDistributedApplicationBuilder builder)
    {
        if (OperatingSystem.IsLinux() && !builder.Configuration.GetValue("Orchestration:DcpProcessMonitors", false))
        {
            Environment.SetEnvironmentVariable(DisableVariable, "1");
        }
        return builder;
    }
}
