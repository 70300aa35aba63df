using System.Diagnostics;
using System.Globalization;

namespace Xichou.Benchmarks;

/// <summary>
/// CPU spent by this process, by the local broker and by everything else on the machine, so a round's rate
/// can be read together with what it cost and with how busy other work kept the cores (Linux /proc).
/// </summary>
internal sealed class CpuMeter(int? brokerProcessGroup)
{
    private static readonly double TicksPerSecond = 100.0; // USER_HZ on Linux

    public CpuSample Sample()
    {
        using var process = Process.GetCurrentProcess();
        return new CpuSample(
            Stopwatch.GetTimestamp(),
            process.TotalProcessorTime,
            brokerProcessGroup is { } group ? GroupTime(group) : TimeSpan.Zero,
            MachineBusyTime(),
            GC.GetTotalAllocatedBytes(),
            GC.GetTotalPauseDuration(),
            GC.CollectionCount(0),
            GC.CollectionCount(2),
            StorageWrites());
    }

    /// <summary>Services and broker CPU per event, and the share of all cores that other processes used meanwhile.</summary>
    public static (double MillisecondsPerEvent, double OthersPercent) Cost(CpuSample from, CpuSample to, int events)
    {
        var wall = Stopwatch.GetElapsedTime(from.At, to.At).TotalSeconds;
        var spent = (to.Process - from.Process + (to.Broker - from.Broker)).TotalMilliseconds;
        var others = Math.Max(0, (to.Machine - from.Machine).TotalMilliseconds - spent);
        return (spent / events, others / wall / 10 / Environment.ProcessorCount);
    }

    public static string Describe(CpuSample from, CpuSample to, int events)
    {
        var wall = Stopwatch.GetElapsedTime(from.At, to.At).TotalSeconds;
        var self = (to.Process - from.Process).TotalMilliseconds;
        var broker = (to.Broker - from.Broker).TotalMilliseconds;
        var machine = (to.Machine - from.Machine).TotalMilliseconds;
        var others = Math.Max(0, machine - self - broker);
        return string.Create(CultureInfo.InvariantCulture,
            $"cpu per event: {self / events:F2} ms services + {broker / events:F2} ms broker; cores busy: {self / wall / 10:F0}% services, {broker / wall / 10:F0}% broker, {others / wall / 10:F0}% other processes (of {Environment.ProcessorCount * 100}%); "
            + $"{(to.Allocated - from.Allocated) / 1024.0 / events:F0} KB allocated and {(to.StorageWritten - from.StorageWritten) / 1024.0 / events:F0} KB written to files per event, GC paused {(to.GcPause - from.GcPause).TotalMilliseconds / wall / 10:F1}% of the time ({to.Gen0Collections - from.Gen0Collections} gen0, {to.Gen2Collections - from.Gen2Collections} gen2)");
    }

    private static TimeSpan GroupTime(int group)
    {
        var ticks = 0L;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            var stat = ReadStat(Path.Combine(directory, "stat"));
            // Fields after the command name: state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime.
            if (stat is { Length: > 12 } && stat[2] == group.ToString(CultureInfo.InvariantCulture))
            {
                ticks += long.Parse(stat[11], CultureInfo.InvariantCulture) + long.Parse(stat[12], CultureInfo.InvariantCulture);
            }
        }
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    private static string[]? ReadStat(string path)
    {
        try
        {
            var text = File.ReadAllText(path);
            var afterName = text.LastIndexOf(')');
            return afterName < 0 ? null : text[(afterName + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Bytes this process wrote with write/pwrite to files (the SQLite WAL and databases), from /proc/self/io.</summary>
    private static long StorageWrites()
    {
        try
        {
            // wchar counts sockets too; write_bytes counts what reached the page cache for files.
            var line = File.ReadLines("/proc/self/io").FirstOrDefault(l => l.StartsWith("write_bytes:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line["write_bytes:".Length..].Trim(), CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static TimeSpan MachineBusyTime()
    {
        try
        {
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            // cpu user nice system idle iowait irq softirq steal
            long Field(int i) => long.Parse(fields[i], CultureInfo.InvariantCulture);
            return TimeSpan.FromSeconds((Field(1) + Field(2) + Field(3) + Field(6) + Field(7)) / TicksPerSecond);
        }
        catch (IOException)
        {
            return TimeSpan.Zero;
        }
    }
}

internal sealed record CpuSample(
    long At, TimeSpan Process, TimeSpan Broker, TimeSpan Machine, long Allocated, TimeSpan GcPause, int Gen0Collections, int Gen2Collections, long StorageWritten);
