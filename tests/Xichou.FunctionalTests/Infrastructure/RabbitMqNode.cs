using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Xichou.FunctionalTests.Infrastructure;

/// <summary>
/// A private RabbitMQ node started with scripts/rabbitmq.sh on a free loopback port in 5680-5689 (the
/// range reserved for these tests), with its own data folder; stopped and deleted on dispose.
/// </summary>
public sealed class RabbitMqNode : IAsyncDisposable
{
    private const int FirstPort = 5680;
    private const int LastPort = 5689;
    private static readonly SemaphoreSlim PortChoice = new(1, 1);

    // Ports of nodes this process started and has not disposed. A node stopped for a while (a broker outage a test stages)
    // leaves its port free, and a fixture starting in parallel must not take it: the node comes back on it.
    private static readonly HashSet<int> Reserved = [];

    private RabbitMqNode(int port, string directory)
    {
        Port = port;
        Directory = directory;
    }

    public int Port { get; }

    public string Directory { get; }

    public string ConnectionString => $"amqp://guest:guest@127.0.0.1:{Port}";

    /// <summary>
    /// Starts a node on the first free port. Ports 5680-5689 are shared with other test runs on the machine, and a port
    /// found free can be taken, or still be held by a node that is stopping, before this node binds it: a start that fails
    /// is tried again, twice, on another port.
    /// </summary>
    public static async Task<RabbitMqNode> StartAsync()
    {
        var failed = new HashSet<int>();
        for (var attempt = 1; ; attempt++)
        {
            await PortChoice.WaitAsync();
            RabbitMqNode? node = null;
            try
            {
                var port = FreePort(failed);
                lock (Reserved)
                {
                    Reserved.Add(port);
                }
                node = new RabbitMqNode(port, System.IO.Directory.CreateTempSubdirectory($"xichou-rabbitmq-{port}-").FullName);
                await node.StartAgainAsync();
                return node;
            }
            catch (InvalidOperationException) when (attempt < 3 && node is not null)
            {
                failed.Add(node.Port);
                await node.DisposeAsync();
            }
            catch when (node is not null)
            {
                await node.DisposeAsync();
                throw;
            }
            finally
            {
                PortChoice.Release();
            }
            await Task.Delay(TimeSpan.FromSeconds(attempt));
        }
    }

    /// <summary>Starts the node on its port and data folder (after <see cref="StopAsync"/>); durable queues survive.</summary>
    public Task StartAgainAsync() => RunScriptAsync("start", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), Directory);

    public Task StopAsync() => RunScriptAsync("stop", Directory);

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        lock (Reserved)
        {
            Reserved.Remove(Port);
        }
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a process that is exiting: the temp folder is cleaned later.
        }
    }

    private static int FreePort(HashSet<int> failed)
    {
        for (var port = FirstPort; port <= LastPort; port++)
        {
            // The node also listens on port + 10000 for Erlang distribution, and its epmd on port + 21000.
            bool reserved;
            lock (Reserved)
            {
                reserved = Reserved.Contains(port);
            }
            if (!reserved && !failed.Contains(port) && IsFree(port) && IsFree(port + 10000) && IsFree(port + 21000))
            {
                return port;
            }
        }
        throw new InvalidOperationException($"No free port for a RabbitMQ node in {FirstPort}-{LastPort}.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static async Task RunScriptAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot.Path, "scripts", "rabbitmq.sh"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"scripts/rabbitmq.sh {string.Join(' ', arguments)} failed ({process.ExitCode}): {await output}{await error}");
        }
    }
}
