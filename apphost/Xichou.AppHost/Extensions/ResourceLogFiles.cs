using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Xichou.AppHost.Extensions;

public static class ResourceLogFilesExtensions
{
    /// <summary>
    /// With <c>Logs:Directory</c> set, copies every resource's console output to <c>{directory}/{resource}.log</c>,
    /// so a headless machine (CI, a server reached by ssh) can read what the dashboard shows.
    /// </summary>
    public static IDistributedApplicationBuilder AddResourceLogFiles(this IDistributedApplicationBuilder builder)
    {
        var directory = builder.Configuration["Logs:Directory"];
        if (string.IsNullOrWhiteSpace(directory) || !builder.ExecutionContext.IsRunMode)
        {
            return builder;
        }
        var path = builder.PathFromRepositoryRoot(directory);
        // Started before the resources are (a hosted service would only start once they all run, and miss a hang).
        builder.Eventing.Subscribe<BeforeStartEvent>((started, cancellationToken) =>
        {
            var files = new ResourceLogFiles(
                started.Services.GetRequiredService<ResourceNotificationService>(),
                started.Services.GetRequiredService<ResourceLoggerService>(),
                path);
            _ = files.CopyAllAsync(started.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping);
            return Task.CompletedTask;
        });
        return builder;
    }
}

internal sealed partial class ResourceLogFiles(ResourceNotificationService notifications, ResourceLoggerService logs, string directory)
{
    public async Task CopyAllAsync(CancellationToken stoppingToken)
    {
        Directory.CreateDirectory(directory);
        var files = new Dictionary<string, string>();
        var copies = new List<Task>();
        try
        {
            await foreach (var update in notifications.WatchAsync(stoppingToken))
            {
                if (files.ContainsKey(update.ResourceId))
                {
                    continue;
                }
                // One file per resource name; a second instance of the same resource gets its id instead.
                var file = files.ContainsValue(update.Resource.Name) ? update.ResourceId : update.Resource.Name;
                files[update.ResourceId] = file;
                copies.Add(CopyAsync(update.ResourceId, Path.Combine(directory, file + ".log"), stoppingToken));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        await Task.WhenAll(copies);
    }

    private async Task CopyAsync(string resourceId, string path, CancellationToken stoppingToken)
    {
        StreamWriter? file = null;
        try
        {
            await foreach (var batch in logs.WatchAsync(resourceId).WithCancellation(stoppingToken))
            {
                // Opened on the first line, so resources that never write (Aspire's hidden helpers) leave no empty file.
                file ??= new StreamWriter(path, append: false) { AutoFlush = true };
                foreach (var line in batch)
                {
                    await file.WriteLineAsync(AnsiEscape().Replace(line.Content, string.Empty));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            if (file is not null)
            {
                await file.DisposeAsync();
            }
        }
    }

    [GeneratedRegex(@"\x1B\[[0-9;]*m")]
    private static partial Regex AnsiEscape();
}
