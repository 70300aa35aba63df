using Xichou.ServiceDefaults.Http;

namespace Xichou.Gateway.Proxy;

/// <summary>
/// How long the gateway waits for a service (<c>Gateway:Proxy</c>). A service that is down must cost a caller a few
/// seconds, not YARP's default 100 s: the probe finds a dead service within <see cref="ProbeInterval"/> ×
/// <see cref="ProbeFailures"/> (+ <see cref="ProbeTimeout"/>), after which requests to it are refused at once.
/// </summary>
public sealed class ProxyOptions
{
    public const string SectionName = "Gateway:Proxy";

    /// <summary>Opening a connection to a service; a refused or unreachable port fails at once or after this.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Longest silence on a request in flight (YARP's ActivityTimeout, default 100 s). The slowest legitimate answer
    /// is a 10,000-household import (≈12 s on the development machine); no service streams events through the gateway.
    /// </summary>
    public TimeSpan ActivityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the gateway asks each service's <c>/alive</c> whether its process answers.</summary>
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long one probe may take before it counts as a failure.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Failed probes in a row before the service is taken out of routing (and answered with 503).</summary>
    public int ProbeFailures { get; set; } = 2;

    /// <summary>How long the health check of <c>/health</c> waits for one service's own <c>/health</c>.</summary>
    public TimeSpan HealthCheckTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// The largest request body each service takes, as its own <c>Limits:MaxRequestBodyBytes</c> says (a service not named
    /// here: <see cref="RequestBodyLimits.DefaultBytes"/>). The gateway refuses a larger body itself with 413: forwarded, it
    /// would meet a service that answers 413 and closes the connection while the gateway is still sending, and the caller
    /// would get a 503 or the 413 depending on which side noticed first. Raise a service's limit here and in its settings.
    /// </summary>
    public Dictionary<string, long> MaxRequestBodyBytes { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public long MaxRequestBodyBytesOf(string service) =>
        MaxRequestBodyBytes.TryGetValue(service, out var bytes) && bytes > 0 ? bytes : RequestBodyLimits.DefaultBytes;
}
