using System.Globalization;

namespace Xichou.Benchmarks;

/// <summary>Command-line parameters of the pipeline benchmark; every one has a default that runs in under two minutes here.</summary>
internal sealed record BenchmarkOptions
{
    public int Events { get; init; } = 10_000;
    public int WarmUp { get; init; } = 3_000;
    public int Callers { get; init; } = 8;
    public int PublishWindow { get; init; } = 500;
    public int Rounds { get; init; } = 1;
    public double Rate { get; init; } = 200;
    public int BrokerPort { get; init; } = 5691;
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(120);
    public bool Keep { get; init; }
    public bool Verbose { get; init; }
    public bool Diagnostics { get; init; }
    public bool Tracing { get; init; }

    /// <summary>Configuration given to every in-process service (<c>--set Outbox:BatchSize=1000</c>).</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    public const string Usage = """
        usage: dotnet run -c Release --project tests/Xichou.Benchmarks -- pipeline [--rounds N] [options]
               dotnet run -c Release --project tests/Xichou.Benchmarks -- fanout [--rate R] [options]
          pipeline: raw and platform rounds alternating in one run, each round printed, then the median ratio
          fanout:   platform only, registrations at a fixed rate, fan-out latency p50/p99
          --rounds N          pipeline: raw/platform round pairs after the warm-up (default 1; the README's figure: 3)
          --rate R            fanout: registrations per second (default 200)
          --events N          events measured in each round (default 10000)
          --warmup N          events sent first in each phase and not measured (default 3000)
          --callers N         concurrent registration callers, each with its own DI scope (default 8)
          --publish-window N  raw phase: publishes with confirms in flight at once (default 500)
          --port N            port of the local broker started when ConnectionStrings__rabbitmq is unset (default 5691)
          --timeout S         seconds a phase may take before the run fails (default 120)
          --set KEY=VALUE     configuration for every service, e.g. --set Outbox:BatchSize=1000 (repeatable)
          --keep              keep the temporary databases and broker folder
          --verbose           service logs at Information
          --diagnostics       print CPU use and thread pool state every second
          --tracing           keep the services' OpenTelemetry SDK on (off by default: eight SDKs in one
                              process each trace every service's activities, which no deployment does)
        """;

    public static BenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchmarkOptions();
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Count; i++)
        {
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int NextInt() => int.Parse(Next(), NumberStyles.None, CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--events" => options with { Events = NextInt() },
                "--warmup" => options with { WarmUp = NextInt() },
                "--callers" => options with { Callers = NextInt() },
                "--publish-window" => options with { PublishWindow = NextInt() },
                "--rounds" => options with { Rounds = NextInt() },
                "--rate" => options with { Rate = double.Parse(Next(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture) },
                "--port" => options with { BrokerPort = NextInt() },
                "--timeout" => options with { Timeout = TimeSpan.FromSeconds(NextInt()) },
                "--keep" => options with { Keep = true },
                "--verbose" => options with { Verbose = true },
                "--diagnostics" => options with { Diagnostics = true },
                "--tracing" => options with { Tracing = true },
                "--set" => AddSetting(options, settings, Next()),
                _ => throw new ArgumentException($"Unknown option '{args[i]}'."),
            };
        }
        if (options.Events < 1 || options.Callers < 1 || options.PublishWindow < 1 || options.WarmUp < 0 || options.Rounds < 1 || options.Rate <= 0)
        {
            throw new ArgumentException("--events, --callers, --publish-window, --rounds and --rate must be positive, --warmup not negative.");
        }
        return options with { Settings = settings };
    }

    private static BenchmarkOptions AddSetting(BenchmarkOptions options, Dictionary<string, string?> settings, string pair)
    {
        var equals = pair.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            throw new ArgumentException($"--set expects KEY=VALUE, not '{pair}'.");
        }
        settings[pair[..equals]] = pair[(equals + 1)..];
        return options;
    }
}
