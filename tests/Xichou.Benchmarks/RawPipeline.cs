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
    public required string HeadName { get; init; }
    public required string HeadIdNumber { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
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
/// Phase (a): one bus publishing persistent messages with publisher confirms (MassTransit's defaults), many
/// confirms in flight at once, to seven receive endpoints whose consumers do no database work.
/// </summary>
internal static class RawPipeline
{
    public static async Task<RoundResult> RunAsync(string connectionString, BenchmarkOptions options, CpuMeter cpu, CancellationToken cancellationToken)
    {
        var rounds = new RoundHolder();
        var consumers = ServiceNames.HouseholdConsumers;
        var prefetch = 0;
        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(new Uri(connectionString));
            for (var i = 0; i < consumers.Count; i++)
            {
                var index = i;
                rabbit.ReceiveEndpoint($"benchmark-raw-{consumers[i]}", endpoint =>
                {
                    endpoint.PurgeOnStartup = true;
                    endpoint.Consumer(() => new RawConsumer(rounds, index));
                    prefetch = endpoint.PrefetchCount;
                });
            }
        });

        await bus.StartAsync(cancellationToken);
        try
        {
            Console.WriteLine($"raw: {consumers.Count} receive endpoints (prefetch {prefetch}), publish window {options.PublishWindow}");
            if (options.WarmUp > 0)
            {
                await RunRoundAsync(bus, rounds, new FanOutRound("raw warm-up", options.WarmUp, consumers.Count), 1_000_000, options, cpu, cancellationToken);
            }
            return await RunRoundAsync(bus, rounds, new FanOutRound("raw", options.Events, consumers.Count), 2_000_000, options, cpu, cancellationToken);
        }
        finally
        {
            await bus.StopAsync(CancellationToken.None);
        }
    }

    private static async Task<RoundResult> RunRoundAsync(
        IBus bus, RoundHolder rounds, FanOutRound round, int firstIndex, BenchmarkOptions options, CpuMeter cpu, CancellationToken cancellationToken)
    {
        var messages = Enumerable.Range(firstIndex, round.Expected).Select(Message).ToArray();
        rounds.Current = round;
        var cpuBefore = cpu.Sample();
        round.Start();
        var publishing = Parallel.ForEachAsync(
            messages,
            new ParallelOptions { MaxDegreeOfParallelism = options.PublishWindow, CancellationToken = cancellationToken },
            async (message, ct) =>
            {
                round.Committed(message.HouseholdId);
                await bus.Publish(message, ct);
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

    private static RawHouseholdRegistered Message(int index)
    {
        var request = SampleHouseholds.Request(index);
        return new RawHouseholdRegistered
        {
            HouseholdId = Guid.CreateVersion7(),
            HouseholdCode = $"{Villages.TownshipOf(request.VillageCode!)}-{index:D8}",
            TownshipCode = Villages.TownshipOf(request.VillageCode!),
            Village = Villages.NameOf(request.VillageCode!),
            HeadName = request.HeadName!,
            HeadIdNumber = request.HeadIdNumber!,
            OccurredAt = DateTimeOffset.UtcNow,
        };
    }
}
