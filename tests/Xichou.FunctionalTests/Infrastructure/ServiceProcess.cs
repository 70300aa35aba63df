using System.Diagnostics;
using System.Text;
using Xichou.Testing;

namespace Xichou.FunctionalTests.Infrastructure;

/// <summary>
/// A service run as a process of its own (<c>dotnet services/…/bin/…/Xichou.X.dll</c>) with the settings the tests give the
/// in-process hosts (SQLite in <see cref="DataDirectory"/>, the broker, the test gateway's public key), so a test can kill
/// it hard (SIGKILL: no shutdown, no flush, no acknowledgement) and start it again on the same database.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private const int KeptOutputLines = 200;

    private readonly Process _process;
    private readonly Queue<string> _output = new();

    private ServiceProcess(string name, string dataDirectory, Process process)
    {
        Name = name;
        DataDirectory = dataDirectory;
        _process = process;
    }

    public string Name { get; }

    public string DataDirectory { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    public string DatabasePath => Path.Combine(DataDirectory, Name + ".db");

    /// <summary>The last lines the process wrote, for a failing test's message.</summary>
    public string RecentOutput
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output);
            }
        }
    }

    /// <param name="assemblyName">The service's assembly, e.g. <c>Xichou.Water</c>; built by the solution build next to this test's configuration.</param>
    public static ServiceProcess Start(string name, string assemblyName, string dataDirectory, string rabbitMq,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        var start = StartInfo(assemblyName, dataDirectory, rabbitMq, settings);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"dotnet {start.ArgumentList[0]} did not start.");
        var host = new ServiceProcess(name, dataDirectory, process);
        process.OutputDataReceived += (_, line) => host.Keep(line.Data);
        process.ErrorDataReceived += (_, line) => host.Keep(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>
    /// <c>dotnet Xichou.X.dll</c> in the service's build output with the tests' settings (and <paramref name="settings"/>
    /// over them), output redirected.
    /// </summary>
    public static ProcessStartInfo StartInfo(string assemblyName, string dataDirectory, string rabbitMq,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        // tests/Xichou.FunctionalTests/bin/{Configuration}/{tfm}/
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = testOutput.Name;
        var configuration = testOutput.Parent!.Name;
        var serviceOutput = Path.Combine(RepositoryRoot.Path, "services", assemblyName, "bin", configuration, framework);
        var dll = Path.Combine(serviceOutput, assemblyName + ".dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"{dll} is not built: build the solution first.", dll);
        }
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = serviceOutput,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["Database__Provider"] = "Sqlite",
            ["Database__DataDirectory"] = dataDirectory,
            ["ConnectionStrings__rabbitmq"] = rabbitMq,
            ["Demo__Enabled"] = "false",
            ["Auth__PublicKey"] = TestTokens.Keys.PublicKey,
            ["Logging__LogLevel__Default"] = "Warning",
            ["OTEL_SDK_DISABLED"] = "true",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        return start;
    }

    /// <summary>SIGKILL: the process ends at once, mid-batch, with deliveries unacknowledged and transactions uncommitted.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
        }
        await _process.WaitForExitAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.Enqueue(line);
            while (_output.Count > KeptOutputLines)
            {
                _output.Dequeue();
            }
        }
    }

    public override string ToString() => new StringBuilder().Append(Name).Append(" (pid ").Append(_process.Id).Append(')').ToString();
}
