using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Xichou.ServiceDefaults.Data;

/// <summary>
/// Logs a failed database command with its message redacted (<see cref="DatabaseErrors.Describe"/>: a duplicate names its index), in place of EF Core's
/// own CommandError and SaveChangesFailed lines, which write the provider's exception, duplicate value and all. Neither
/// the command text nor the exception object is logged: the first may hold literals, the second's text is the message.
/// </summary>
public sealed partial class SanitisedCommandErrors(ILogger<SanitisedCommandErrors> logger) : DbCommandInterceptor
{
    public override void CommandFailed(DbCommand command, CommandErrorEventData eventData) => Log(eventData);

    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Log(eventData);
        return Task.CompletedTask;
    }

    private void Log(CommandErrorEventData eventData)
    {
        if (eventData.Exception is OperationCanceledException)
        {
            return;
        }
        LogCommandFailed(eventData.Context?.GetType().Name ?? "?", eventData.Duration.TotalMilliseconds, eventData.Exception.GetType().Name,
            DatabaseErrors.Describe(eventData.Exception, eventData.Context?.Model));
    }

    [LoggerMessage(LogLevel.Error, "A database command of {Context} failed after {Milliseconds:F0} ms: {ErrorType}: {Error}")]
    private partial void LogCommandFailed(string context, double milliseconds, string errorType, string error);
}
