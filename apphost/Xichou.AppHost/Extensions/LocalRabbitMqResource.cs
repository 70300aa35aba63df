using System.Globalization;

namespace Xichou.AppHost.Extensions;

/// <summary>
/// A private RabbitMQ node run from Debian's <c>rabbitmq-server</c> package, for machines without a
/// container engine. Guest may log in because the node listens on loopback only.
/// </summary>
public sealed class LocalRabbitMqResource(string name, string command, string workingDirectory, int port)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    public int Port { get; } = port;

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"amqp://guest:guest@127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}");
}
