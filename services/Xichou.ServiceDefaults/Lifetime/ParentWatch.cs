using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Xichou.ServiceDefaults.Lifetime;

/// <summary>
/// Stops the program when the process that started it has gone (<c>Lifetime:StopWithParent</c>, which the app host sets
/// for every program it starts). Aspire's orchestrator (DCP) can start a <c>dcp monitor-process</c> beside every resource
/// to kill it if the orchestrator itself dies: twelve of them cost the platform about 270 MB PSS and 810 MB RSS, so the
/// app host turns them off on Linux and each program watches for itself instead, at the cost of reading
/// <c>/proc/self/stat</c> every <c>Lifetime:ParentCheckSeconds</c> (2 s). A process whose parent dies is given to
/// another (init or a subreaper), so a changed parent process id means the orchestrator has gone. Linux only; a program
/// started by init, systemd or a container runtime (parent id 1 or 0) has nothing to watch.
/// </summary>
public sealed partial class ParentWatch(IConfiguration configuration, IHostApplicationLifetime lifetime, ILogger<ParentWatch> logger)
    : BackgroundService
{
    private const string StatPath = "/proc/self/stat";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Lifetime:StopWithParent", false) || !OperatingSystem.IsLinux())
        {
            return;
        }
        if (ParentProcessId(await File.ReadAllTextAsync(StatPath, stoppingToken)) is not { } parent || parent <= 1)
        {
            return;
        }
        Watching(logger, parent);
        var period = TimeSpan.FromSeconds(Math.Clamp(configuration.GetValue("Lifetime:ParentCheckSeconds", 2.0), 0.1, 60));
        using var timer = new PeriodicTimer(period);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var now = ParentProcessId(await File.ReadAllTextAsync(StatPath, stoppingToken));
                if (now != parent)
                {
                    ParentGone(logger, parent, now ?? 0);
                    lifetime.StopApplication();
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// The parent process id from a <c>/proc/PID/stat</c> line: <c>pid (comm) state ppid …</c>, where comm may itself hold
    /// spaces and parentheses, so the fields are counted from the last <c>)</c>.
    /// </summary>
    internal static int? ParentProcessId(string stat)
    {
        var end = stat.LastIndexOf(')');
        if (end < 0)
        {
            return null;
        }
        var fields = stat[(end + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length >= 2 && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ppid) ? ppid : null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping when parent process {ParentProcessId} goes away")]
    private static partial void Watching(ILogger logger, int parentProcessId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Parent process {ParentProcessId} has gone (the parent is now {NewParentProcessId}): stopping")]
    private static partial void ParentGone(ILogger logger, int parentProcessId, int newParentProcessId);
}
