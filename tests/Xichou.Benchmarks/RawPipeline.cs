using MassTransit;
using Xichou.Contracts;

namespace Xichou.Benchmarks;

/// <summary>
/// The same shape as <see cref="HouseholdRegistered"/> under another name, so the raw endpoints get their own
/// exchange and never see the platform's events.
/// </summary>
public sealed record RawHouseholdRegistered
{
    public required Guid HouseholdId { get; init; }
    public required string HouseholdCode { get; init; }
    public required string TownshipCode { get; init; }
    public required string Village { get; init; }
    public string? VillageCode { get; init; }
    public required string HeadName { get; init; }
    public required string HeadIdNumber { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public int? MemberCount { get; init; }
}

/// <summary>Receives the raw event and does nothing else: the cost of MassTransit and the broker alone.</summary>
public sealed class RawConsumer(RoundHolder rounds, int index) : IConsumer<RawHouseholdRegistered>
{
    public Task Consume(ConsumeContext<RawHouseholdRegistered> context)
    {
        rounds.Current?.Stored(context.Message.HouseholdId, index);
        return Task.CompletedTask;
    }
}

public sealed class RoundHolder
{
    private volatile FanOutRound? _current;

    internal FanOutRound? Current
    {
        get => _current;
        set => _current = value;
    }
}

/// <summary>
/// Phase (a), the baseline: one bus publishing persistent messages with publisher confirms (MassTransit's defaults, as
/// the services' outboxes publish), many confirms in flight at once, to seven receive endpoints whose consumers do no
/// database work. The message has every field of <see cref="HouseholdRegistered"/>, the head's ID number masked as
/// the register publishes it, so both phases move messages of the same size.
/// </summary>
internal sealed class RawPipeline : IAsyncDisposable
{
    private readonly RoundHolder _rounds = new();
    private readonly IBusControl _bus;
    private int _nextIndex = 1_000_000;

    private RawPipeline(IBusControl bus) => _bus = bus;

    public static async Task<RawPipeline> StartAsync(string connectionString, BenchmarkOptions options, CancellationToken cancellationToken)
    {
        var consumers = ServiceNames.HouseholdConsumers;
        var prefetch = 0;
        RawPipeline? pipeline = null;
        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(new Uri(connectionString));
            for (var i = 0; i < consumers.Count; i++)
            {
                var index = i;
                rabbit.ReceiveEndpoint($"benchmark-raw-{consumers[i]}", endpoint =>
                {
                    endpoint.PurgeOnStartup = true;
                    endpoint.Consumer(() => new RawConsumer(pipeline!._rounds, index));
                    prefetch = endpoint.PrefetchCount;
                });
            }
        });
        pipeline = new RawPipeline(bus);
        await bus.StartAsync(cancellationToken);
        Console.WriteLine($"raw: MassTransit alone, persistent messages with publisher confirms, publish window {options.PublishWindow}, {consumers.Count} receive endpoints (prefetch {prefetch}) whose consumers only count; message {MessageBytes()} bytes of JSON body, the size of the platform's HouseholdRegistered");
        return pipeline;
    }

    /// <summary>One round of <paramref name="events"/> events; each round publishes new ids.</summary>
    public async Task<RoundResult> RunRoundAsync(string name, int events, BenchmarkOptions options, CpuMeter cpu, CancellationToken cancellationToken)
    {
        var round = new FanOutRound(name, events, ServiceNames.HouseholdConsumers.Count);
        var firstIndex = _nextIndex;
        _nextIndex += events;
        var messages = Enumerable.Range(firstIndex, round.Expected).Select(Message).ToArray();
        _rounds.Current = round;
        var cpuBefore = cpu.Sample();
        round.Start();
        var publishing = Parallel.ForEachAsync(
            messages,
            new ParallelOptions { MaxDegreeOfParallelism = options.PublishWindow, CancellationToken = cancellationToken },
            async (message, ct) =>
            {
                round.Committed(message.HouseholdId);
                await _bus.Publish(message, ct);
            });
        await publishing;
        var published = round.Completed;
        await Progress.WaitAsync(round, options.Timeout, cancellationToken);
        var cpuAfter = cpu.Sample();
        var result = round.Result(cpuBefore, cpuAfter);
        Console.WriteLine($"  {round.Name}: {Progress.Describe(result)} ({published} already everywhere when the last publish was confirmed)");
        Console.WriteLine($"    {CpuMeter.Describe(cpuBefore, cpuAfter, round.Expected)}");
        return result;
    }

    public async ValueTask DisposeAsync() => await _bus.StopAsync(CancellationToken.None);

    private static int MessageBytes() => System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(Message(0)).Length;

    private static RawHouseholdRegistered Message(int index)
    {
        var request = SampleHouseholds.Request(index);
        return new RawHouseholdRegistered
        {
            HouseholdId = Guid.CreateVersion7(),
            HouseholdCode = $"{Villages.TownshipOf(request.VillageCode!)}-{index:D8}",
            TownshipCode = Villages.TownshipOf(request.VillageCode!),
            Village = Villages.NameOf(request.VillageCode!),
            VillageCode = request.VillageCode!,
            HeadName = request.HeadName!,
            HeadIdNumber = IdNumber.Mask(request.HeadIdNumber!),
            OccurredAt = DateTimeOffset.UtcNow,
            MemberCount = 1,
        };
    }
}
