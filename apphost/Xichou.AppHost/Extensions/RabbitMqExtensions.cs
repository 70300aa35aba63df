using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xichou.Contracts;

namespace Xichou.AppHost.Extensions;

/// <summary>Where the platform's RabbitMQ comes from (configuration <c>RabbitMq:Mode</c>).</summary>
public enum BrokerMode
{
    /// <summary>A node run from Debian's rabbitmq-server package (no container engine needed).</summary>
    Local,

    /// <summary>An existing broker: <c>ConnectionStrings:rabbitmq</c>.</summary>
    External,

    /// <summary>Aspire's RabbitMQ container, where a Docker engine exists.</summary>
    Container,
}

public static class RabbitMqExtensions
{
    private const string Section = "RabbitMq";
    private const int AmqpsPort = 5671;

    /// <summary>Erlang's port mapper, from Debian's erlang-base (a dependency of rabbitmq-server).</summary>
    private const string EpmdPath = "/usr/bin/epmd";

    /// <summary>
    /// The broker every service references: a local node by default, the external connection string
    /// <c>ConnectionStrings:rabbitmq</c> when it is set (or <c>RabbitMq:Mode=External</c>), or a container
    /// with <c>RabbitMq:Mode=Container</c>.
    /// </summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddMessageBroker(this IDistributedApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(Section);
        var port = settings.GetValue("Port", 5672);
        var mode = ModeOf(builder.Configuration);
        if (mode == BrokerMode.External && string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(ServiceNames.RabbitMq)))
        {
            throw new InvalidOperationException($"{Section}:Mode is External but ConnectionStrings:{ServiceNames.RabbitMq} is not set.");
        }
        if (mode == BrokerMode.Container && builder.ExecutionContext.IsRunMode && !ContainerEngineAnswers())
        {
            // Without an engine Aspire would wait for the container for ever.
            throw new InvalidOperationException($"{Section}:Mode is Container but no container engine answers (docker info); use Local or External.");
        }
        return mode switch
        {
            BrokerMode.External => builder.AddConnectionString(ServiceNames.RabbitMq),
            BrokerMode.Container => builder.AddRabbitMQ(ServiceNames.RabbitMq, port: port).WithManagementPlugin(),
            _ => builder.AddLocalRabbitMq(
                ServiceNames.RabbitMq,
                port,
                builder.PathFromRepositoryRoot(settings["DataDirectory"] ?? ".rabbitmq"),
                settings["ServerPath"] ?? "/usr/lib/rabbitmq/bin/rabbitmq-server",
                settings.GetValue("ManagementPort", 0)),
        };
    }

    public static BrokerMode ModeOf(IConfiguration configuration)
    {
        var mode = configuration[$"{Section}:Mode"];
        if (!string.IsNullOrWhiteSpace(mode))
        {
            return Enum.Parse<BrokerMode>(mode, ignoreCase: true);
        }
        return string.IsNullOrWhiteSpace(configuration.GetConnectionString(ServiceNames.RabbitMq)) ? BrokerMode.Local : BrokerMode.External;
    }

    /// <summary>
    /// A private node on 127.0.0.1:<paramref name="port"/> with its own HOME (Erlang cookie), node name, ports and
    /// data under <paramref name="dataDirectory"/>/apphost-<paramref name="port"/>, so it never touches a system broker.
    /// Services waiting for it start only once it speaks AMQP.
    /// </summary>
    public static IResourceBuilder<LocalRabbitMqResource> AddLocalRabbitMq(
        this IDistributedApplicationBuilder builder, string name, int port, string dataDirectory, string serverPath, int managementPort = 0)
    {
        if (!File.Exists(serverPath))
        {
            throw new InvalidOperationException(
                $"{serverPath} is missing: install RabbitMQ (apt-get install -y rabbitmq-server), or set {Section}:Mode to External or Container.");
        }
        if (port == AmqpsPort)
        {
            throw new InvalidOperationException(
                $"{Section}:Port {AmqpsPort} is the AMQPS port: clients (MassTransit among them) switch to TLS there, which this plain node does not speak.");
        }
        if (builder.ExecutionContext.IsRunMode && IsListening(port))
        {
            throw new InvalidOperationException(
                $"Port {port} is already in use (a broker left from an earlier run? see `ss -ltnp 'sport = :{port}'`); stop it or set {Section}:Port.");
        }

        var node = Path.Combine(dataDirectory, string.Create(CultureInfo.InvariantCulture, $"apphost-{port}"));
        foreach (var folder in new[] { "home", "mnesia", "log" })
        {
            Directory.CreateDirectory(Path.Combine(node, folder));
        }
        var config = string.Create(CultureInfo.InvariantCulture, $"listeners.tcp.local = 127.0.0.1:{port}\n");
        var plugins = "[].\n";
        if (managementPort > 0)
        {
            config += string.Create(CultureInfo.InvariantCulture, $"management.tcp.ip = 127.0.0.1\nmanagement.tcp.port = {managementPort}\n");
            plugins = "[rabbitmq_management].\n";
        }
        File.WriteAllText(Path.Combine(node, "rabbitmq.conf"), config);
        File.WriteAllText(Path.Combine(node, "enabled_plugins"), plugins);

        // The distribution port defaults to port + 20000 and the node fails to start above 65535.
        var distributionPort = port + 20000 <= IPEndPoint.MaxPort ? port + 20000 : port + 10000;
        var nodeName = string.Create(CultureInfo.InvariantCulture, $"xichou{port}@localhost");
        var healthCheckKey = $"{name}-amqp";
        builder.Services.AddHealthChecks().AddCheck(healthCheckKey, new AmqpHealthCheck(port));

        // The node's own Erlang port mapper, run (and stopped) by the app host like the node: left to itself the node
        // starts the machine's shared epmd on 4369 as a daemon, which outlived every run.
        // Below Linux's ephemeral range (32768-60999), where a client socket's local port could already hold it.
        var epmdPort = port + 21000 <= 32767 ? port + 21000 : port - 1000;
        var epmdCheckKey = $"{name}-epmd-port";
        builder.Services.AddHealthChecks().AddCheck(epmdCheckKey, new TcpPortHealthCheck(epmdPort));
        var epmd = builder.AddExecutable($"{name}-epmd", EpmdPath, node, "-address", "127.0.0.1", "-port", epmdPort.ToString(CultureInfo.InvariantCulture))
            .WithHealthCheck(epmdCheckKey);

        var broker = builder.AddResource(new LocalRabbitMqResource(name, serverPath, node, port))
            .WaitFor(epmd)
            .WithEnvironment("ERL_EPMD_PORT", epmdPort.ToString(CultureInfo.InvariantCulture))
            .WithEnvironment("HOME", Path.Combine(node, "home"))
            .WithEnvironment("RABBITMQ_NODENAME", nodeName)
            .WithEnvironment("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1")
            .WithEnvironment("RABBITMQ_NODE_PORT", port.ToString(CultureInfo.InvariantCulture))
            .WithEnvironment("RABBITMQ_DIST_PORT", distributionPort.ToString(CultureInfo.InvariantCulture))
            .WithEnvironment("ERL_EPMD_ADDRESS", "127.0.0.1")
            .WithEnvironment("RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS", "-kernel inet_dist_use_interface {127,0,0,1} -start_epmd false")
            // Nor any VM the node spawns: one that finds its epmd gone (the app host stops both at once) runs a one-off
            // `erl -sname epmd-starter-N` to bring it back, which would leave an `epmd -daemon` behind.
            .WithEnvironment("ERL_FLAGS", "-start_epmd false")
            .WithEnvironment("RABBITMQ_MNESIA_BASE", Path.Combine(node, "mnesia"))
            .WithEnvironment("RABBITMQ_LOG_BASE", Path.Combine(node, "log"))
            .WithEnvironment("RABBITMQ_ENABLED_PLUGINS_FILE", Path.Combine(node, "enabled_plugins"))
            .WithEnvironment("RABBITMQ_CONFIG_FILE", Path.Combine(node, "rabbitmq"))
            .WithHealthCheck(healthCheckKey);
        if (managementPort > 0)
        {
            var managementUrl = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{managementPort}/");
            broker.WithUrl(managementUrl, "RabbitMQ management");
        }
        return broker;
    }

    private static bool ContainerEngineAnswers()
    {
        var runtime = Environment.GetEnvironmentVariable("ASPIRE_CONTAINER_RUNTIME") ?? "docker";
        try
        {
            using var info = Process.Start(new ProcessStartInfo(runtime, "info --format {{.ServerVersion}}")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (info is null)
            {
                return false;
            }
            if (!info.WaitForExit(TimeSpan.FromSeconds(15)))
            {
                info.Kill();
                return false;
            }
            return info.ExitCode == 0;
        }
        catch (Win32Exception)
        {
            return false;
        }
    }

    private static bool IsListening(int port)
    {
        try
        {
            using var client = new TcpClient();
            return client.ConnectAsync(IPAddress.Loopback, port).Wait(TimeSpan.FromSeconds(1));
        }
        catch (AggregateException)
        {
            return false;
        }
    }
}
