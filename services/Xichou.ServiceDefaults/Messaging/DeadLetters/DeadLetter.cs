using System.Text.RegularExpressions;
using Xichou.Contracts;

namespace Xichou.ServiceDefaults.Messaging.DeadLetters;

/// <summary>
/// A message in one of the service's error queues, as an operator sees it: why it failed and what it was, never its
/// payload (which may hold names and ID numbers); only the household it concerns.
/// </summary>
public sealed record DeadLetter(
    Guid MessageId,
    string ErrorQueue,
    string InputQueue,
    string MessageType,
    Guid? HouseholdId,
    string ExceptionType,
    string ExceptionMessage,
    string? Consumer,
    DateTimeOffset? FaultedAt,
    int? RetryCount);

/// <summary>What <c>GET /api/operations/dead-letters</c> answers: the messages read (at most the limit) and how many each queue holds.</summary>
public sealed record DeadLetterList(IReadOnlyList<DeadLetter> Messages, IReadOnlyList<ErrorQueueCount> Queues, int Limit);

public sealed record ErrorQueueCount(string Queue, long Messages);

/// <summary>A replayed message: it was sent back to its queue and the error queue's copy removed.</summary>
public sealed record DeadLetterReplayed(Guid MessageId, string From, string To, string MessageType);

public static partial class DeadLetterText
{
    /// <summary>
    /// An exception's message may quote a value it rejected: any 18-character resident ID number in it is masked as
    /// everywhere else (<see cref="IdNumber.Mask"/>), and the text is cut short.
    /// </summary>
    public static string Masked(string? text, int maxLength = 500)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        var masked = IdNumberLike().Replace(text, match => IdNumber.Mask(match.Value));
        return masked.Length <= maxLength ? masked : string.Concat(masked.AsSpan(0, maxLength), "…");
    }

    [GeneratedRegex(@"(?<![0-9])[0-9]{17}[0-9Xx](?![0-9A-Za-z])")]
    private static partial Regex IdNumberLike();
}
