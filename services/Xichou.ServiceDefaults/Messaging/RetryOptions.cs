namespace Xichou.ServiceDefaults.Messaging;

/// <summary>
/// Bound from <c>Messaging:Retry</c>: how a consumer that throws is retried (exponential back-off) before
/// MassTransit moves the message to the endpoint's <c>_error</c> queue, where an operator can see and replay it.
/// </summary>
public sealed class RetryOptions
{
    public const string SectionName = "Messaging:Retry";

    public int Limit { get; set; } = 5;

    public TimeSpan MinInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxInterval { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan Delta { get; set; } = TimeSpan.FromMilliseconds(400);
}
