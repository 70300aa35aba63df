using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MiniExcelLibs;
using Xichou.Contracts;
using Xichou.Monitoring.Apis;
using Xichou.Monitoring.Extensions;
using Xichou.Monitoring.Model.Import;
using Xichou.ServiceDefaults.Http;
using Xichou.ServiceDefaults.Security;

namespace Xichou.Benchmarks;

/// <summary>
/// <c>import</c> mode: builds a register file of N households (a head and 0-5 members each, about 3.5 rows per
/// household) and posts it to the monitoring service's real import endpoint over HTTP: the service hosted in this
/// process on Kestrel, a SQLite file, a broker for its outbox.
/// </summary>
internal static class ImportBenchmark
{
    public const string Usage = """
        usage: dotnet run -c Release --project tests/Xichou.Benchmarks -- import [--households N] [--port N] [--keep]
          --households N  households in the file (default 10000)
          --port N        port of the local broker started when ConnectionStrings__rabbitmq is unset (default 5691)
          --keep          keep the SQLite file and the broker folder
        """;

    private static readonly string[] Surnames = ["王", "李", "张", "杨", "陈", "刘", "罗", "熊", "陶", "侯", "马", "赵"];
    private static readonly string[] GivenNames = ["明", "国富", "德华", "秀英", "建国", "玉兰", "正荣", "光明", "春花", "文学", "世昌", "桂芬"];
    private static readonly string[] Relations = ["配偶", "子女", "子女", "父母", "孙子女"];

    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var households = 10_000;
        var port = 5691;
        var keep = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--households" when i + 1 < args.Length:
                    households = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--port" when i + 1 < args.Length:
                    port = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--keep":
                    keep = true;
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
                $"file: {households:N0} households, {rows:N0} member rows, {xlsx.Length / 1024.0 / 1024.0:F2} MB, built in {Stopwatch.GetElapsedTime(built).TotalSeconds:F1} s"));

            await using var broker = await LocalBroker.StartAsync(port, work, cancellationToken);
            var keys = ServiceTokens.NewKeyPair();
            await using var app = await StartMonitoringAsync(broker.ConnectionString, Path.Combine(work, "data"), keys.PublicKey, cancellationToken);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromMinutes(10) };
            using var signingKey = ServiceTokens.ImportKey(keys.PrivateKey);
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ServiceTokens.Create(
                [new Claim(XichouClaims.Subject, "benchmark"), new Claim(XichouClaims.Name, "benchmark"), new Claim(XichouClaims.Role, Roles.PovertyOffice)],
                ServiceNames.Monitoring, signingKey, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(30)));

            using var content = new MultipartFormDataContent();
            var file = new ByteArrayContent(xlsx);
            file.Headers.ContentType = new MediaTypeHeaderValue(HouseholdsApi.XlsxContentType);
            content.Add(file, "file", "import.xlsx");
            var started = Stopwatch.GetTimestamp();
            using var response = await client.PostAsync(new Uri("/api/households/import?importId=benchmark", UriKind.Relative), content, cancellationToken);
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                Console.Error.WriteLine($"import failed: {(int)response.StatusCode} {body[..Math.Min(body.Length, 2000)]}");
                return 1;
            }
            var result = JsonDocument.Parse(body).RootElement;
            var stored = result.GetProperty("households").GetInt32();
            var members = result.GetProperty("members").GetInt32();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"import: {stored:N0} households, {members:N0} members stored in {seconds:F2} s ({stored / seconds:N0} households/s, {members / seconds:N0} rows/s), one transaction"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"peak working set: {Environment.WorkingSet / 1024 / 1024:N0} MB now, {Process.GetCurrentProcess().PeakWorkingSet64 / 1024 / 1024:N0} MB peak (whole process: file building, service, client)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"database: {new FileInfo(Path.Combine(work, "data", ServiceNames.Monitoring + ".db")).Length / 1024.0 / 1024.0:F1} MB + WAL {WalSize(work) / 1024.0 / 1024.0:F1} MB"));
            await app.StopAsync(CancellationToken.None);
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

    private static long WalSize(string work)
    {
        var wal = new FileInfo(Path.Combine(work, "data", ServiceNames.Monitoring + ".db-wal"));
        return wal.Exists ? wal.Length : 0;
    }

    /// <summary>Deterministic: the same households every run, valid ID numbers under 532623, spread over every village.</summary>
    private static (byte[] Xlsx, int Rows) BuildFile(int households)
    {
        var random = new Random(2021);
        var rows = new List<Dictionary<string, object?>>(households * 4);
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
            rows.Add(Row(h + 1, village, "户主", surname + GivenNames[random.Next(GivenNames.Length)], NextId(year + (h % 30)),
                "有劳动力", "非在校生", "健康", "138" + random.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture),
                random.Next(3000, 9000)));
            for (var m = 0; m < others; m++)
            {
                rows.Add(Row(h + 1, village, Relations[m], surname + GivenNames[random.Next(GivenNames.Length)], NextId(1960 + (m * 10) + (h % 10)),
                    m == 0 ? "弱劳动力或半劳动力" : "无劳动力", m == 1 ? "小学" : "非在校生", m == 3 ? "长期慢性病" : "健康", null, null));
            }
        }
        using var file = new MemoryStream();
        file.SaveAs(rows, sheetName: "农户成员");
        return (file.ToArray(), rows.Count);
    }

    private static Dictionary<string, object?> Row(int key, Village village, string relation, string name, string idNumber,
        string labour, string school, string health, string? phone, decimal? income) =>
        HouseholdImport.Row(key, village.TownshipName, village.Name, "第一村民小组", relation, name, idNumber, labour, school, health, phone, income);

    private static async Task<WebApplication> StartMonitoringAsync(string rabbitMq, string dataDirectory, string publicKey, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(dataDirectory);
        var contentRoot = Directory.CreateDirectory(Path.Combine(dataDirectory, "..", "content")).FullName;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(MonitoringExtensions).Assembly.GetName().Name,
            ContentRootPath = contentRoot,
            EnvironmentName = Environments.Production,
            Args = [],
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{ServiceNames.RabbitMq}"] = rabbitMq,
            ["Database:Provider"] = "Sqlite",
            ["Database:DataDirectory"] = dataDirectory,
            ["Auth:PublicKey"] = publicKey,
            ["Limits:MaxRequestBodyBytes"] = "33554432",
            // 10,000 households are 35,000 member rows: more than the county's own file (Policy:Monitoring:ImportMaxRows).
            ["Policy:Monitoring:ImportMaxRows"] = "50000",
            ["Logging:LogLevel:Default"] = "Warning",
            ["OTEL_SDK_DISABLED"] = "true",
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddServiceDefaults();
        builder.AddMonitoring();
        var app = builder.Build();
        app.UseServicePipeline();
        app.MapDefaultEndpoints();
        app.MapHouseholdsApi();
        app.MapImportApi();
        await app.StartAsync(cancellationToken);
        return app;
    }
}
