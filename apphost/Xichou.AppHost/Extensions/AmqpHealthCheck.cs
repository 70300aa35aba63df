using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Xichou.AppHost.Extensions;

/// <summary>
/// Healthy once the broker answers the AMQP 0-9-1 protocol header with its Connection.Start method frame,
/// which it only does when it is ready to accept connections (an open port alone comes earlier).
/// </summary>
internal sealed class AmqpHealthCheck(int port) : IHealthCheck
{
    private const byte MethodFrame = 1;
    private static readonly byte[] ProtocolHeader = "AMQP\0\0\u0009\u0001"u8.ToArray();

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
            var stream = client.GetStream();
            await stream.WriteAsync(ProtocolHeader, timeout.Token);
            var frameType = new byte[1];
            var read = await stream.ReadAsync(frameType, timeout.Token);
            return read == 1 && frameType[0] == MethodFrame
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"127.0.0.1:{port} did not answer as an AMQP 0-9-1 broker.");
        }
        catch (Exception e) when (e is SocketException or IOException
            || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return HealthCheckResult.Unhealthy($"No AMQP broker on 127.0.0.1:{port} yet.", e);
        }
    }
}
