using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Claims;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xichou.Contracts;
using Xichou.ServiceDefaults.Security;

namespace Xichou.Benchmarks;

/// <summary>
/// <c>gateway</c> mode: what the gateway costs on an authenticated read. The built housing service and the built gateway
/// run as their own processes (as <c>./run.sh</c> runs them), on a private broker; wrk requests
/// <c>GET /housing/api/households/counts</c> through the gateway with a user's token from <c>/auth/token</c>, then
/// <c>GET /api/households/counts</c> directly from housing with a service token signed by the gateway's key for the same
/// user, alternating for <c>--rounds</c> rounds in one run, and prints requests/s, p50 and p99 of each and the ratio.
/// </summary>
internal static partial class GatewayBenchmark
{
    private const int WarmUpSeconds = 6;

    public const string Usage = """
        usage: dotnet run -c Release --project tests/Xichou.Benchmarks -- gateway [options]
          --rounds N       gateway/direct round pairs (default 2)
          --duration S     seconds of each wrk round (default 10)
          --threads N      wrk threads (default 2)
          --connections N  wrk connections (default 16)
          --port N         port of the local broker started when ConnectionStrings__rabbitmq is unset (default 5692)
        needs wrk (apt-get install -y wrk)
        """;

    private const string Service = ServiceNames.Housing;
    private const string User = "county-leader";

    public static async Task<int> RunAsync(string[] args)
    {
        int rounds = 2, duration = 10, threads = 2, connections = 16, brokerPort = 5692;
        try
        {
            for (var i = 0; i < args.Length; i++)
            {
                int Next() => i + 1 < args.Length
                    ? int.Parse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture)
                    : throw new ArgumentException($"{args[i]} needs a value.");
                switch (args[i])
                {
                    case "--rounds": rounds = Next(); break;
                    case "--duration": duration = Next(); break;
                    case "--threads": threads = Next(); break;
                    case "--connections": connections = Next(); break;
                    case "--port": brokerPort = Next(); break;
                    default: throw new ArgumentException($"Unknown option '{args[i]}'.");
                }
            }
            if (rounds < 1 || duration < 1 || threads < 1 || connections < threads)
            {
                throw new ArgumentException("--rounds, --duration and --threads must be positive, --connections at least --threads.");
            }
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException or OverflowException)
        {
            Console.Error.WriteLine(exception.Message);
            Console.Error.WriteLine(Usage);
            return 2;
        }
        if (!File.Exists("/usr/bin/wrk"))
        {
            Console.Error.WriteLine("wrk is not installed: apt-get install -y wrk");
            return 2;
        }

        using var stopping = new CancellationTokenSource();
        var work = Directory.CreateTempSubdirectory("xichou-gateway-benchmark-").FullName;
        var keys = ServiceTokens.NewKeyPair();
        try
        {
            await using var broker = await LocalBroker.StartAsync(brokerPort, work, stopping.Token);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Xichou gateway benchmark: {rounds} rounds of wrk -t{threads} -c{connections} -d{duration}s, {Environment.ProcessorCount} cores, load average {PipelineBenchmark.LoadAverage()}"));
            var common = new Dictionary<string, string>
            {
                ["ConnectionStrings__rabbitmq"] = broker.ConnectionString,
                ["Database__Provider"] = "Sqlite",
                ["Database__DataDirectory"] = Path.Combine(work, "data"),
                ["Auth__PublicKey"] = keys.PublicKey,
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["Logging__LogLevel__Default"] = "Warning",
                ["OTEL_SDK_DISABLED"] = "true",
            };
            var servicePort = FreePort();
            await using var service = await ChildProgram.StartAsync(Service, ProgramPath("services", "Xichou.Housing"), servicePort, work,
                new Dictionary<string, string>(common), stopping.Token);
            var gatewayPort = FreePort();
            await using var gateway = await ChildProgram.StartAsync(ServiceNames.Gateway, ProgramPath("gateway", "Xichou.Gateway"), gatewayPort, work,
                new Dictionary<string, string>(common)
                {
                    ["Auth__SigningKey"] = keys.PrivateKey,
                    ["Demo__Enabled"] = "true",
                    ["Demo__AllowOutsideDevelopment"] = "true",
                    [$"services__{Service}__http__0"] = $"http://127.0.0.1:{servicePort}",
                    // The probes of the services this run does not start would fill the log.
                    ["Logging__LogLevel__Yarp.ReverseProxy.Health"] = "None",
                },
                stopping.Token);
            Console.WriteLine($"housing: its built program on 127.0.0.1:{servicePort}; gateway: its built program on 127.0.0.1:{gatewayPort}, Production settings, tracing off");

            var userToken = await UserTokenAsync(gatewayPort, stopping.Token);
            using var signingKey = ServiceTokens.ImportKey(keys.PrivateKey);
            Claim[] claims = [new(XichouClaims.Name, User), new(XichouClaims.Role, Roles.CountyLeader)];
            var serviceToken = ServiceTokens.Create(claims, Service, signingKey, DateTimeOffset.UtcNow, TimeSpan.FromHours(1));

            var throughGateway = $"http://127.0.0.1:{gatewayPort}/{Service}/api/households/counts";
            var direct = $"http://127.0.0.1:{servicePort}/api/households/counts";
            Console.WriteLine($"gateway: GET {throughGateway} with {User}'s token from POST /auth/token (the gateway checks it, then forwards with a service token it signs)");
            Console.WriteLine($"direct:  GET {direct} with a service token for {User} signed by the gateway's key (what the gateway forwards)");
            await CheckAsync(throughGateway, userToken, stopping.Token);
            await CheckAsync(direct, serviceToken, stopping.Token);
            // Warm both paths (JIT, connection pools) before measuring: after 2 s of this the gateway's first round still ran
            // at 60 % of its later rounds (tiered compilation of the proxy's path not done), the service's at 100 %.
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warm-up: {WarmUpSeconds} s of each path, not counted"));
            await WrkAsync(throughGateway, userToken, threads, connections, WarmUpSeconds, stopping.Token);
            await WrkAsync(direct, serviceToken, threads, connections, WarmUpSeconds, stopping.Token);

            var results = new List<(WrkResult Gateway, WrkResult Direct)>();
            for (var r = 1; r <= rounds; r++)
            {
                var viaGateway = await WrkAsync(throughGateway, userToken, threads, connections, duration, stopping.Token);
                var viaService = await WrkAsync(direct, serviceToken, threads, connections, duration, stopping.Token);
                results.Add((viaGateway, viaService));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"round {r}: gateway {viaGateway}; direct {viaService}; ratio {viaGateway.RequestsPerSecond / viaService.RequestsPerSecond:F2}"));
            }
            var ratios = results.Select(pair => pair.Gateway.RequestsPerSecond / pair.Direct.RequestsPerSecond).ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"gateway/direct ratio: {PipelineBenchmark.Median(ratios):F2} (median of {ratios.Length} round{(ratios.Length == 1 ? "" : "s")}; load average {PipelineBenchmark.LoadAverage()})"));
            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<string> UserTokenAsync(int gatewayPort, CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsJsonAsync($"http://127.0.0.1:{gatewayPort}/auth/token",
            new { username = User, password = "Xichou#2021" }, cancellationToken);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("access_token").GetString()!;
    }

    private static async Task CheckAsync(string url, string token, CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new("Bearer", token);
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"GET {url} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    private static async Task<WrkResult> WrkAsync(string url, string token, int threads, int connections, int seconds, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("/usr/bin/wrk") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
        {
            $"-t{threads}", $"-c{connections}", $"-d{seconds}s", "--latency", "-H", $"Authorization: Bearer {token}", url,
        })
        {
            start.ArgumentList.Add(argument);
        }
        using var wrk = Process.Start(start) ?? throw new InvalidOperationException("wrk did not start");
        var output = await wrk.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = await wrk.StandardError.ReadToEndAsync(cancellationToken);
        await wrk.WaitForExitAsync(cancellationToken);
        if (wrk.ExitCode != 0)
        {
            throw new InvalidOperationException($"wrk exited {wrk.ExitCode}: {error}{output}");
        }
        return WrkResult.Parse(output);
    }

    private static string ProgramPath(string folder, string project)
    {
        var configuration = typeof(GatewayBenchmark).Assembly
            .GetCustomAttributes(typeof(System.Reflection.AssemblyConfigurationAttribute), false)
            .OfType<System.Reflection.AssemblyConfigurationAttribute>().FirstOrDefault()?.Configuration ?? "Release";
        var path = Path.Combine(LocalBroker.RepositoryRoot(), folder, project, "bin", configuration, "net10.0", project);
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException($"{path} is missing: build it (dotnet build {folder}/{project} -c {configuration}).");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>wrk's summary: Requests/sec and the 50% and 99% lines of --latency.</summary>
    internal sealed partial record WrkResult(double RequestsPerSecond, double P50Milliseconds, double P99Milliseconds, long Errors)
    {
        public static WrkResult Parse(string output)
        {
            var rate = RatePattern().Match(output);
            var p50 = Percentile().Matches(output).FirstOrDefault(m => m.Groups[1].Value == "50");
            var p99 = Percentile().Matches(output).FirstOrDefault(m => m.Groups[1].Value == "99");
            if (!rate.Success || p50 is null || p99 is null)
            {
                throw new FormatException($"wrk printed no rate or latency distribution: {output}");
            }
            var errors = NonSuccess().Match(output) is { Success: true } bad ? long.Parse(bad.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
            return new WrkResult(double.Parse(rate.Groups[1].Value, CultureInfo.InvariantCulture), Milliseconds(p50), Milliseconds(p99), errors);
        }

        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"{RequestsPerSecond:F0} req/s, p50 {P50Milliseconds:F2} ms, p99 {P99Milliseconds:F2} ms{(Errors > 0 ? $", {Errors} non-2xx" : "")}");

        private static double Milliseconds(Match match)
        {
            var value = double.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
            return match.Groups[3].Value switch
            {
                "us" => value / 1000,
                "s" => value * 1000,
                "m" => value * 60_000,
                _ => value,
            };
        }

        [GeneratedRegex(@"Requests/sec:\s+([0-9.]+)")]
        private static partial Regex RatePattern();

        [GeneratedRegex(@"^\s+(50|99)%\s+([0-9.]+)(us|ms|s|m)\s*$", RegexOptions.Multiline)]
        private static partial Regex Percentile();

        [GeneratedRegex(@"Non-2xx or 3xx responses:\s+([0-9]+)")]
        private static partial Regex NonSuccess();
    }

    /// <summary>A built program run as a child process on 127.0.0.1:port, stopped (SIGTERM, then kill) at the end.</summary>
    private sealed class ChildProgram : IAsyncDisposable
    {
        private readonly Process _process;

        private ChildProgram(Process process) => _process = process;

        public static async Task<ChildProgram> StartAsync(
            string name, string path, int port, string work, Dictionary<string, string> environment, CancellationToken cancellationToken)
        {
            var start = new ProcessStartInfo(path)
            {
                WorkingDirectory = Path.GetDirectoryName(path)!,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var (key, value) in environment)
            {
                start.Environment[key] = value;
            }
            start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
            var process = Process.Start(start) ?? throw new InvalidOperationException($"{path} did not start");
            var log = Path.Combine(work, $"{name}.log");
            _ = CopyAsync(process.StandardOutput, log + ".out");
            _ = CopyAsync(process.StandardError, log + ".err");
            var program = new ChildProgram(process);
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
            while (true)
            {
                if (process.HasExited)
                {
                    var output = File.Exists(log + ".out") ? await File.ReadAllTextAsync(log + ".out", cancellationToken) : "";
                    throw new InvalidOperationException($"{name} exited {process.ExitCode} at start: {output}");
                }
                try
                {
                    using var alive = await http.GetAsync($"http://127.0.0.1:{port}/alive", cancellationToken);
                    if (alive.IsSuccessStatusCode)
                    {
                        return program;
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    // Not listening yet.
                }
                if (DateTime.UtcNow > deadline)
                {
                    await program.DisposeAsync();
                    throw new TimeoutException($"{name} did not answer /alive on port {port} within 90 s.");
                }
                await Task.Delay(250, cancellationToken);
            }
        }

        private static async Task CopyAsync(StreamReader reader, string file)
        {
            await using var writer = File.CreateText(file);
            while (await reader.ReadLineAsync() is { } line)
            {
                await writer.WriteLineAsync(line);
                await writer.FlushAsync();
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                // SIGTERM, so the program stops as it would under a service manager.
                using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]);
                await kill.WaitForExitAsync(CancellationToken.None);
            }
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync(CancellationToken.None);
            }
            _process.Dispose();
        }
    }
}
