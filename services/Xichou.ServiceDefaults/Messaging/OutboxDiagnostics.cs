using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Xichou.ServiceDefaults.Messaging;

public static class OutboxDiagnostics
{
    public const string ActivitySourceName = "Xichou.Outbox";
    public const string MeterName = "Xichou.Outbox";

    internal static readonly ActivitySource ActivitySource = new(ActivitySourceName);

    private static readonly Meter Meter = new(MeterName);

    internal static readonly Counter<long> Published = Meter.CreateCounter<long>(
        "xichou.outbox.published", "{message}", "Integration events published from the outbox and confirmed by the broker.");

    internal static readonly Counter<long> Failed = Meter.CreateCounter<long>(
        "xichou.outbox.failed", "{message}", "Outbox publish attempts the broker did not confirm; they are retried.");
}
