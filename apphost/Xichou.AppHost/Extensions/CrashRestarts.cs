using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Xichou.AppHost.Extensions;

public static class CrashRestartExtensions
{
    /// <summary>
    /// Restarts a service or the broker whose process ends on its own (killed, crashed) while the app host runs:
    /// DCP only reports the exit, and the gateway would keep answering 503 for that service until someone pressed
    /// Start in the dashboard. A stop from the dashboard or at shutdown is left alone.
    /// </summary>
    public static IDistributedApplicationBuilder AddCrashRestarts(this IDistributedApplicationBuilder builder)
    {
        builder.Services.AddHostedService<CrashRestarter>();
        return builder;
    }
}

/// <summary>
/// Watches every resource's state (<see cref="ResourceNotificationService"/>); when a project or executable goes from
/// running to exited with a non-zero exit code, and nobody asked it to stop, it runs the resource's own start command
/// (<see cref="ResourceCommandService"/>, as the dashboard's button does), after 1 s, then 2, 4 … up to 30 s while it
/// keeps crashing. Five crashes within ten minutes is a crash loop: it stops trying and says so.
/// Chosen over a supervisor loop in run.sh because the app host already owns the processes, their ports (DCP keeps
/// them, so the gateway's routes stay valid) and their dependencies, and the dashboard shows the restarts.
/// </summary>
internal sealed partial class CrashRestarter(
    ResourceNotificationService notifications,
    ResourceCommandService commands,
    IHostApplicationLifetime lifetime,
    IConfiguration configuration,
    ILogger<CrashRestarter> logger) : BackgroundService
{
    /// <summary>The wait before the first restart (doubled for each further crash); 1 s unless configured.</summary>
    public const string FirstDelaySetting = "CrashRestarts:FirstDelay";

    private const int CrashLoopLimit = 5;
    private static readonly TimeSpan CrashLoopWindow = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

    private readonly Dictionary<string, string?> _states = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<DateTimeOffset>> _crashes = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var update in notifications.WatchAsync(stoppingToken))
            {
                if (update.Resource is not (ProjectResource or ExecutableResource))
                {
                    continue;
                }
                var state = update.Snapshot.State?.Text;
                _states.TryGetValue(update.ResourceId, out var previous);
                _states[update.ResourceId] = state;
                if (state == previous || !IsUnexpectedExit(previous, state, update.Snapshot.ExitCode) || Stopping(stoppingToken))
                {
                    continue;
                }
                var delay = NextDelay(update.ResourceId);
                if (delay is null)
                {
                    LogCrashLoop(update.Resource.Name, CrashLoopLimit, CrashLoopWindow.TotalMinutes);
                    continue;
                }
                LogRestarting(update.Resource.Name, update.Snapshot.ExitCode, delay.Value.TotalSeconds);
                _ = RestartAsync(update.Resource, delay.Value, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The app host is stopping.
        }
    }

    /// <summary>Running (or unhealthy) to a terminal state, not through Stopping, and not a clean exit.</summary>
    internal static bool IsUnexpectedExit(string? previous, string? state, int? exitCode) =>
        previous is not null
        && previous != KnownResourceStates.Stopping
        && (previous == KnownResourceStates.Running || previous == KnownResourceStates.RuntimeUnhealthy)
        && (state == KnownResourceStates.Exited || state == KnownResourceStates.Finished || state == KnownResourceStates.FailedToStart)
        && exitCode is not 0;

    private bool Stopping(CancellationToken stoppingToken) =>
        stoppingToken.IsCancellationRequested || lifetime.ApplicationStopping.IsCancellationRequested;

    /// <summary>1, 2, 4 … 30 s (from <see cref="FirstDelaySetting"/>) by the number of recent crashes; null once they make a crash loop.</summary>
    private TimeSpan? NextDelay(string resourceId)
    {
        var now = TimeProvider.System.GetUtcNow();
        if (!_crashes.TryGetValue(resourceId, out var crashes))
        {
            _crashes[resourceId] = crashes = [];
        }
        crashes.RemoveAll(at => now - at > CrashLoopWindow);
        crashes.Add(now);
        if (crashes.Count > CrashLoopLimit)
        {
            return null;
        }
        var first = configuration.GetValue<TimeSpan?>(FirstDelaySetting) ?? TimeSpan.FromSeconds(1);
        var seconds = Math.Min(MaxDelay.TotalSeconds, first.TotalSeconds * Math.Pow(2, crashes.Count - 1));
        return TimeSpan.FromSeconds(seconds);
    }

    private async Task RestartAsync(IResource resource, TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, stoppingToken);
            if (Stopping(stoppingToken))
            {
                return;
            }
            // A resource that has exited is started; should this DCP version only offer restart there, restart it.
            var result = await commands.ExecuteCommandAsync(resource, KnownResourceCommands.StartCommand, stoppingToken);
            if (!result.Success)
            {
                result = await commands.ExecuteCommandAsync(resource, KnownResourceCommands.RestartCommand, stoppingToken);
            }
            if (result.Success)
            {
                LogRestarted(resource.Name);
            }
            else
            {
                LogRestartFailed(resource.Name, result.Message);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The app host is stopping.
        }
        catch (Exception e)
        {
            LogRestartError(resource.Name, e);
        }
    }

    [LoggerMessage(LogLevel.Warning, "{Resource} exited unexpectedly (exit code {ExitCode}); restarting it in {Seconds} s")]
    private partial void LogRestarting(string resource, int? exitCode, double seconds);

    [LoggerMessage(LogLevel.Information, "{Resource} restarted")]
    private partial void LogRestarted(string resource);

    [LoggerMessage(LogLevel.Error, "{Resource} could not be restarted: {Error}")]
    private partial void LogRestartFailed(string resource, string? error);

    [LoggerMessage(LogLevel.Error, "{Resource} could not be restarted")]
    private partial void LogRestartError(string resource, Exception exception);

    [LoggerMessage(LogLevel.Error, "{Resource} crashed more than {Limit} times within {Minutes} minutes: not restarting it again; start it from the dashboard")]
    private partial void LogCrashLoop(string resource, int limit, double minutes);
}
