using System.Diagnostics;
using System.Net.Sockets;

namespace Xichou.Benchmarks;

/// <summary>
/// The broker the benchmark runs against: <c>ConnectionStrings__rabbitmq</c> when set, otherwise a private
/// node started with <c>scripts/rabbitmq.sh</c> in a temporary folder and stopped at the end.
/// </summary>
internal sealed class LocalBroker : IAsyncDisposable
{
    private readonly string? _script;
    private readonly string? _directory;

    private LocalBroker(string connectionString, string? script, string? directory)
    {
        ConnectionString = connectionString;
        _script = script;
        _directory = directory;
    }

    public string ConnectionString { get; }

    public bool IsLocal => _directory is not null;

    /// <summary>The local node's process group (the script starts it with setsid), for CPU accounting.</summary>
    public int? ProcessGroup => _directory is not null && File.Exists(Path.Combine(_directory, "pid"))
        ? int.Parse(File.ReadAllText(Path.Combine(_directory, "pid")).Trim(), System.Globalization.CultureInfo.InvariantCulture)
        : null;

    public static async Task<LocalBroker> StartAsync(int port, string workDirectory, CancellationToken cancellationToken)
    {
        var external = Environment.GetEnvironmentVariable("ConnectionStrings__rabbitmq");
        if (!string.IsNullOrWhiteSpace(external))
        {
            return new LocalBroker(external, null, null);
        }
        if (IsListening(port))
        {
            throw new InvalidOperationException($"Port {port} is already in use: pass --port with a free one, or set ConnectionStrings__rabbitmq.");
        }
        var script = Path.Combine(RepositoryRoot(), "scripts", "rabbitmq.sh");
        var directory = Path.Combine(workDirectory, "broker");
        var broker = new LocalBroker($"amqp://guest:guest@127.0.0.1:{port}", script, directory);
        await broker.RunScriptAsync(cancellationToken, "start", port.ToString(System.Globalization.CultureInfo.InvariantCulture), directory);
        return broker;
    }

    public async ValueTask DisposeAsync()
    {
        if (_script is not null && _directory is not null)
        {
            await RunScriptAsync(CancellationToken.None, "stop", _directory);
        }
    }

    private async Task RunScriptAsync(CancellationToken cancellationToken, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(_script!);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start bash.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"rabbitmq.sh {string.Join(' ', arguments)} failed ({process.ExitCode}): {await error}{await output}");
        }
    }

    private static bool IsListening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>The checkout's root, found from the build output or the working directory.</summary>
    internal static string RepositoryRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "scripts", "rabbitmq.sh")))
                {
                    return directory.FullName;
                }
            }
        }
        throw new InvalidOperationException("scripts/rabbitmq.sh not found above the benchmark: run it from the checkout, or set ConnectionStrings__rabbitmq.");
    }
}
