using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using MiniExcelLibs;
using Xichou.Contracts;
using Xichou.Monitoring.Model.Import;

namespace Xichou.Benchmarks;

/// <summary>
/// <c>import</c> mode: builds a register file of N households (a head and 0-5 members each, about 3.5 rows per
/// household), posts it to the monitoring service's real import endpoint over HTTP, and waits until every department has
/// stored every household: the eight services hosted in this process with their real wiring (<see cref="PlatformPipeline"/>),
/// each on its own SQLite file, one broker.
/// </summary>
internal static class ImportBenchmark
{
    public const string Usage = """
        usage: dotnet run -c Release --project tests/Xichou.Benchmarks -- import [--households N] [--batch N] [--port N] [--timeout S] [--import-only] [--keep]
          --households N  households in the file (default 10000; the prefecture figure: 100000)
          --batch N       households per SaveChanges inside the import's one transaction (Import:BatchHouseholds, default 2000)
          --port N        port of the local broker started when ConnectionStrings__rabbitmq is unset (default 5691)
          --timeout S     seconds the import and the fan-out may each take before the run fails (default 600)
          --import-only   stop after the import: no waiting for the departments
          --keep          keep the SQLite files and the broker folder
        """;

    private static readonly string[] Surnames = ["王", "李", "张", "杨", "陈", "刘", "罗", "熊", "陶", "侯", "马", "赵"];
    private static readonly string[] GivenNames = ["明", "国富", "德华", "秀英", "建国", "玉兰", "正荣", "光明", "春花", "文学", "世昌", "桂芬"];
    private static readonly string[] Relations = ["配偶", "子女", "子女", "父母", "孙子女"];

    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var households = 10_000;
        var port = 5691;
        var keep = false;
        var fanOut = true;
        string? batch = null;
        var timeout = TimeSpan.FromSeconds(600);
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--households" when i + 1 < args.Length:
                    households = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--batch" when i + 1 < args.Length:
                    batch = int.Parse(args[++i], CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
                    break;
                case "--port" when i + 1 < args.Length:
                    port = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--timeout" when i + 1 < args.Length:
                    timeout = TimeSpan.FromSeconds(int.Parse(args[++i], CultureInfo.InvariantCulture));
                    break;
                case "--keep":
                    keep = true;
                    break;
                case "--import-only":
                    fanOut = false;
                    break;
                default:
                    Console.Error.WriteLine(Usage);
                    return 2;
            }
        }

        var work = Directory.CreateTempSubdirectory("xichou-import-benchmark-").FullName;
        try
        {
            var built = Stopwatch.GetTimestamp();
            var (xlsx, rows) = BuildFile(households);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"file: {households:N0} households, {rows:N0} member rows, {xlsx.Length / 1024.0 / 1024.0:F2} MB ({Inflated(xlsx) / 1024.0 / 1024.0:F0} MB inflated), built in {Stopwatch.GetElapsedTime(built).TotalSeconds:F1} s"));
            GC.Collect();
            var settings = new Dictionary<string, string?>
            {
                // The 100,000-household file is about 32 MB; a county's own is a tenth of that.
                ["Limits:MaxRequestBodyBytes"] = (128L * 1024 * 1024).ToString(CultureInfo.InvariantCulture),
            };
            if (batch is not null)
            {
                // Only when given: a key present with no value binds as 0, not as the default.
                settings["Import:BatchHouseholds"] = batch;
            }
            var options = new BenchmarkOptions { BrokerPort = port, Settings = settings };
            await using var broker = await LocalBroker.StartAsync(port, work, cancellationToken);
            await using var platform = await PlatformPipeline.StartAsync(broker.ConnectionString, Path.Combine(work, "data"), options, cancellationToken);
            var beforeImport = Process.GetCurrentProcess().PeakWorkingSet64;

            await using var memory = new MemoryWatch();
            var import = platform.ImportAsync(xlsx, households, timeout, fanOut, cancellationToken);
            var result = await import;
            var (importHeap, importWorkingSet) = memory.Peaks(result.Imported);
            var (fanOutHeap, fanOutWorkingSet) = memory.Peaks(null);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"import: {result.Households:N0} households, {result.Members:N0} members stored in {result.Imported.TotalSeconds:F2} s ({result.Households / result.Imported.TotalSeconds:N0} households/s, {result.Members / result.Imported.TotalSeconds:N0} rows/s), one transaction open {result.Saves.Time.TotalSeconds:F2} s"));
            Console.WriteLine("    stages first seen (s after the post): " + string.Join(", ", result.Stages.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Stage} {s.At.TotalSeconds:F1}"))));
            if (fanOut)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"fan-out: every household stored by all {result.Departments.Length} departments {result.FannedOut.TotalSeconds:F2} s after the post ({(result.FannedOut - result.Imported).TotalSeconds:F2} s after the import answered, {result.Households / (result.FannedOut - result.Imported).TotalSeconds:N0} households/s)"));
                for (var c = 0; c < result.Departments.Length; c++)
                {
                    var stats = result.Departments[c];
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"    {ServiceNames.HouseholdConsumers[c],-14} {stats.Commits,5} commits, {stats.RowsPerCommit,6:F1} households per commit (max {stats.MaxRows}), {stats.MillisecondsPerCommit:F2} ms per commit"));
                }
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"memory, sampled every 100 ms: during the import, managed heap peak {importHeap / 1024 / 1024:N0} MB (the whole process's GC heap, the seven idle departments' included), working set peak {importWorkingSet / 1024 / 1024:N0} MB; during the fan-out {fanOutHeap / 1024 / 1024:N0} MB / {fanOutWorkingSet / 1024 / 1024:N0} MB"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"peak working set of the whole process (file building, eight services, broker client, HTTP client): {beforeImport / 1024 / 1024:N0} MB before the import, {Process.GetCurrentProcess().PeakWorkingSet64 / 1024 / 1024:N0} MB at the end"));
            var data = Path.Combine(work, "data");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"monitoring database: {FileSize(data, ServiceNames.Monitoring + ".db") / 1024.0 / 1024.0:F1} MB + WAL {FileSize(data, ServiceNames.Monitoring + ".db-wal") / 1024.0 / 1024.0:F1} MB"));
            if (fanOut)
            {
                await platform.VerifyCountsAsync(cancellationToken);
            }
            return 0;
        }
        finally
        {
            if (keep)
            {
                Console.WriteLine($"kept {work}");
            }
            else
            {
                try
                {
                    Directory.Delete(work, recursive: true);
                }
                catch (IOException)
                {
                    // A broker file still held: the temp folder is cleaned later.
                }
            }
        }
    }

    private static long FileSize(string directory, string name)
    {
        var file = new FileInfo(Path.Combine(directory, name));
        return file.Exists ? file.Length : 0;
    }

    private static long Inflated(byte[] xlsx)
    {
        using var zip = new ZipArchive(new MemoryStream(xlsx), ZipArchiveMode.Read);
        return zip.Entries.Sum(e => e.Length);
    }

    /// <summary>Deterministic: the same households every run, valid ID numbers under 532623, spread over every village. Rows are written as they are made.</summary>
    private static (byte[] Xlsx, int Rows) BuildFile(int households)
    {
        var count = 0;
        IEnumerable<Dictionary<string, object?>> Rows()
        {
            var random = new Random(2021);
            var sequence = 0;
            string NextId(int birthYear) =>
                IdNumber.Compose(IdNumber.XichouAreaCode, new DateOnly(birthYear, 1, 1).AddDays(sequence / 1000 % 365), sequence++ % 1000);
            for (var h = 0; h < households; h++)
            {
                var village = Villages.All[h % Villages.All.Count];
                var surname = Surnames[random.Next(Surnames.Length)];
                var others = random.Next(0, 6);
                // Birth years are spread by household so that no two people share (birth date, sequence).
                var year = 1940 + (h / 365_000 % 70);
                count++;
                yield return Row(h + 1, village, "户主", surname + GivenNames[random.Next(GivenNames.Length)], NextId(year + (h % 30)),
                    "有劳动力", "非在校生", "健康", "138" + random.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture),
                    random.Next(3000, 9000));
                for (var m = 0; m < others; m++)
                {
                    count++;
                    yield return Row(h + 1, village, Relations[m], surname + GivenNames[random.Next(GivenNames.Length)], NextId(1960 + (m * 10) + (h % 10)),
                        m == 0 ? "弱劳动力或半劳动力" : "无劳动力", m == 1 ? "小学" : "非在校生", m == 3 ? "长期慢性病" : "健康", null, null);
                }
            }
        }
        using var file = new MemoryStream();
        file.SaveAs(Rows(), sheetName: "农户成员");
        return (file.ToArray(), count);
    }

    private static Dictionary<string, object?> Row(int key, Village village, string relation, string name, string idNumber,
        string labour, string school, string health, string? phone, decimal? income) =>
        HouseholdImport.Row(key, village.TownshipName, village.Name, "第一村民小组", relation, name, idNumber, labour, school, health, phone, income);

    /// <summary>
    /// The managed heap (<see cref="GC.GetTotalMemory"/>: what the GC holds, dead objects not yet collected included) and the
    /// working set, sampled every 100 ms, their peaks kept per phase: up to the import's answer, then after it.
    /// </summary>
    private sealed class MemoryWatch : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly long _startedAt = Stopwatch.GetTimestamp();
        private readonly List<(TimeSpan At, long Heap, long WorkingSet)> _samples = [];
        private readonly Task _loop;

        public MemoryWatch() => _loop = RunAsync();

        private async Task RunAsync()
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
            using var process = Process.GetCurrentProcess();
            try
            {
                do
                {
                    process.Refresh();
                    lock (_samples)
                    {
                        _samples.Add((Stopwatch.GetElapsedTime(_startedAt), GC.GetTotalMemory(false), process.WorkingSet64));
                    }
                }
                while (await timer.WaitForNextTickAsync(_stop.Token));
            }
            catch (OperationCanceledException)
            {
            }
        }

        private TimeSpan _cut;

        /// <summary>The peaks up to <paramref name="until"/> after the start, or after the last such cut when null.</summary>
        public (long Heap, long WorkingSet) Peaks(TimeSpan? until)
        {
            lock (_samples)
            {
                var from = _cut;
                var to = until ?? TimeSpan.MaxValue;
                _cut = until ?? _cut;
                var phase = _samples.Where(s => s.At >= from && s.At <= to).ToList();
                return phase.Count == 0 ? (0, 0) : (phase.Max(s => s.Heap), phase.Max(s => s.WorkingSet));
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _loop;
            _stop.Dispose();
        }
    }
}
