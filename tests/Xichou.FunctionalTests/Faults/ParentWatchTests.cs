using System.Collections.Concurrent;
using System.Diagnostics;
using Xichou.FunctionalTests.Infrastructure;

namespace Xichou.FunctionalTests.Faults;

/// <summary>
/// Issue 13 (P6): the app host turns Aspire's per-resource <c>dcp monitor-process</c> off (270 MB PSS, 810 MB RSS) and
/// every program it starts watches its own parent instead (<c>Lifetime:StopWithParent</c>). Here the parent is a bash
/// that starts water's built program in the background, as DCP starts it, and is then killed with SIGKILL, as DCP would
/// die; the program runs against a private RabbitMQ node, fully started.
/// </summary>
public sealed class ParentWatchTests(ParentWatchTests.Broker broker) : IClassFixture<ParentWatchTests.Broker>
{
    private static readonly TimeSpan Startup = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task A_program_whose_parent_is_killed_stops_by_itself()
    {
        await using var run = await OrphanRun.StartAsync(broker.Node.ConnectionString, stopWithParent: true);
        await run.WaitForOutputAsync($"Stopping when parent process {run.ParentId} goes away", Startup);

        run.KillParent();

        Assert.True(await run.ProgramEndsWithinAsync(TimeSpan.FromSeconds(30)), $"water still runs 30 s after its parent was killed:\n{run.Output}");
        Assert.Contains($"Parent process {run.ParentId} has gone", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_the_setting_a_program_outlives_its_parent()
    {
        // A program started by systemd, a container runtime or a shell that exits must not stop with it.
        await using var run = await OrphanRun.StartAsync(broker.Node.ConnectionString, stopWithParent: false);

        run.KillParent();

        // Ten checks' worth of time (Lifetime:ParentCheckSeconds is 0.5 s here).
        Assert.False(await run.ProgramEndsWithinAsync(TimeSpan.FromSeconds(5)), $"water stopped with its parent:\n{run.Output}");
        Assert.DoesNotContain("has gone", run.Output, StringComparison.Ordinal);
    }

    /// <summary>One RabbitMQ node for both tests.</summary>
    public sealed class Broker : IAsyncLifetime
    {
        private RabbitMqNode? _node;

        public RabbitMqNode Node => _node ?? throw new InvalidOperationException("The node has not started.");

        public async ValueTask InitializeAsync() => _node = await RabbitMqNode.StartAsync();

        public async ValueTask DisposeAsync()
        {
            if (_node is not null)
            {
                await _node.DisposeAsync();
            }
        }
    }

    /// <summary>bash → water's built program (in the background); bash waits on its stdin until killed.</summary>
    private sealed class OrphanRun : IAsyncDisposable
    {
        private readonly Process _parent;
        private readonly string _directory;
        private readonly ConcurrentQueue<string> _lines = new();
        private readonly TaskCompletionSource<int> _programId = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private OrphanRun(Process parent, string directory)
        {
            _parent = parent;
            _directory = directory;
        }

        public int ParentId => _parent.Id;

        public int ProgramId => _programId.Task.Result;

        public string Output => string.Join('\n', _lines);

        public static async Task<OrphanRun> StartAsync(string rabbitMq, bool stopWithParent)
        {
            var directory = Directory.CreateTempSubdirectory("xichou-parent-watch-").FullName;
            var program = ServiceProcess.StartInfo("Xichou.Water", directory, rabbitMq, new Dictionary<string, string>
            {
                ["Lifetime__StopWithParent"] = stopWithParent ? "true" : "false",
                ["Lifetime__ParentCheckSeconds"] = "0.5",
                // bash passes names with dots through to its children (dash would not).
                ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
                ["Logging__LogLevel__Xichou.ServiceDefaults.Lifetime"] = "Information",
            });
            var start = new ProcessStartInfo("bash")
            {
                WorkingDirectory = program.WorkingDirectory,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in (string[])["-c", "\"$0\" \"$@\" < /dev/null & echo \"program $!\"; read -r _", program.FileName, .. program.ArgumentList])
            {
                start.ArgumentList.Add(argument);
            }
            foreach (var (key, value) in program.Environment)
            {
                start.Environment[key] = value;
            }
            var parent = Process.Start(start) ?? throw new InvalidOperationException("bash did not start.");
            var run = new OrphanRun(parent, directory);
            parent.OutputDataReceived += (_, line) => run.Keep(line.Data);
            parent.ErrorDataReceived += (_, line) => run.Keep(line.Data);
            parent.BeginOutputReadLine();
            parent.BeginErrorReadLine();
            await run._programId.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
            // Fully started: the host has started every hosted service, the bus among them.
            await run.WaitForOutputAsync("Application started", Startup);
            return run;
        }

        public async Task WaitForOutputAsync(string text, TimeSpan timeout)
        {
            var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
            while (!Output.Contains(text, StringComparison.Ordinal))
            {
                if (Stopwatch.GetTimestamp() > deadline || IsGone(ProgramId))
                {
                    throw new TimeoutException($"water never wrote \"{text}\":\n{Output}");
                }
                await Task.Delay(100, TestContext.Current.CancellationToken);
            }
        }

        /// <summary>SIGKILL to bash: the program is left to init (or a subreaper) with its parent gone.</summary>
        public void KillParent()
        {
            _parent.Kill(entireProcessTree: false);
            // With a timeout: WaitForExit() would also wait for the end of the output, which the program holds open.
            if (!_parent.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                throw new TimeoutException("bash outlived SIGKILL for 10 s.");
            }
        }

        public async Task<bool> ProgramEndsWithinAsync(TimeSpan timeout)
        {
            var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
            while (Stopwatch.GetTimestamp() < deadline)
            {
                if (IsGone(ProgramId))
                {
                    return true;
                }
                await Task.Delay(100, TestContext.Current.CancellationToken);
            }
            return IsGone(ProgramId);
        }

        /// <summary>Ended: no longer in /proc, or a zombie nobody has reaped yet (it is not this process's child).</summary>
        private static bool IsGone(int pid)
        {
            try
            {
                var stat = File.ReadAllText($"/proc/{pid}/stat");
                return stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z');
            }
            catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or IOException)
            {
                return true;
            }
        }

        private void Keep(string? line)
        {
            if (line is null)
            {
                return;
            }
            if (line.StartsWith("program ", StringComparison.Ordinal) && int.TryParse(line.AsSpan(8), out var pid))
            {
                _programId.TrySetResult(pid);
                return;
            }
            _lines.Enqueue(line);
        }

        public async ValueTask DisposeAsync()
        {
            if (!_parent.HasExited)
            {
                _parent.Kill(entireProcessTree: false);
            }
            if (_programId.Task.IsCompletedSuccessfully && !IsGone(ProgramId))
            {
                try
                {
                    using var program = Process.GetProcessById(ProgramId);
                    program.Kill();
                }
                catch (ArgumentException)
                {
                    // Ended meanwhile.
                }
                await ProgramEndsWithinAsync(TimeSpan.FromSeconds(10));
            }
            _parent.Dispose();
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
