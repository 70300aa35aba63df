using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Xichou.Contracts;
using Xichou.FunctionalTests.Infrastructure;
using Xichou.FunctionalTests.Monitoring.Register;

namespace Xichou.FunctionalTests.Monitoring.Ledger;

/// <summary>
/// The household ledger (资金台账): every yuan any department reports paying (<see cref="HouseholdPaid"/> on the real broker)
/// lands once on the household's ledger of its year, with totals by department and each cap's headroom; it is scoped like the
/// register, refuses a year it cannot hold, and exports as an audited .xlsx.
/// </summary>
public class HouseholdLedgerTests(Platform platform)
{
    /// <summary>鸡街乡鸡街村: no other test registers households there.</summary>
    private const string Village = "532623206001";

    private const string Township = "532623206";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private ServiceHost Monitoring => platform.Monitoring;

    private static int ThisYear => Beijing.Today(TimeProvider.System).Year;

    /// <summary>Publishes a department's payment as its outbox would, under a message id of its own, which it returns.</summary>
    private async Task<Guid> PayAsync(Guid household, Guid paymentId, string department, string measure, string kind, string kindName, decimal amount,
        DateOnly paidOn, Guid? member = null, (string Name, decimal Cap, decimal After)? cap = null)
    {
        var messageId = NewId.NextGuid();
        await Monitoring.Services.GetRequiredService<IBus>().Publish(new HouseholdPaid
        {
            PaymentId = paymentId,
            HouseholdId = household,
            TownshipCode = Township,
            Village = "鸡街村",
            VillageCode = Village,
            MemberId = member,
            Department = department,
            Measure = measure,
            Kind = kind,
            KindName = kindName,
            AmountYuan = amount,
            PaidOn = paidOn,
            Voucher = $"PZ-{paymentId.ToString()[..8]}",
            CapName = cap?.Name,
            CapYuan = cap?.Cap,
            HeadroomAfterYuan = cap?.After,
            PolicyVersion = "西开组发〔2021〕2号",
            OccurredAt = DateTimeOffset.UtcNow,
        }, context => context.MessageId = messageId, Cancellation);
        return messageId;
    }

    private Task ConsumedAsync(Guid messageId) =>
        Eventually.TrueAsync(async () => await Monitoring.CountAsync("SELECT COUNT(*) FROM InboxMessages WHERE Consumer = 'household-paid' AND MessageId = $m",
            ("$m", messageId.ToString().ToUpperInvariant())) == 1, $"the register to take message {messageId}", TimeSpan.FromMinutes(1));

    private async Task<JsonElement> LedgerAsync(Guid household, string? year = null, HttpClient? client = null)
    {
        using var response = await (client ?? Monitoring.Client).GetAsync(
            new Uri($"/api/households/{household}/ledger{(year is null ? "" : $"?year={year}")}", UriKind.Relative), Cancellation);
        var text = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"ledger: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    private async Task<Guid> HeadMemberAsync(Guid household) =>
        Guid.Parse((string)(await Monitoring.ScalarAsync("SELECT Id FROM Members WHERE HouseholdId = $h ORDER BY Position LIMIT 1",
            ("$h", household.ToString().ToUpperInvariant())))!);

    [Fact]
    public async Task Payments_of_three_departments_add_up_to_the_fen_once_each_with_every_caps_headroom()
    {
        var (household, _) = await Monitoring.RegisterAsync(Village, IdNumbers.New(), 5200m);
        var member = await HeadMemberAsync(household);
        var today = Beijing.Today(TimeProvider.System);
        var industry = Guid.NewGuid();
        var education = Guid.NewGuid();
        var hospital = Guid.NewGuid();
        await PayAsync(household, industry, ServiceNames.Agriculture, "4", "industry-subsidy", "产业发展补助", 2999.99m, today,
            cap: ("产业发展补助每户累计3000元", 3000m, 0.01m));
        await PayAsync(household, education, ServiceNames.Education, "6", "education-subsidy", "高中及以上教育资助", 2000m, today, member);
        await PayAsync(household, hospital, ServiceNames.Insurance, "8", "hospital-subsidy", "住院自付费用补助", 8000m, today, member,
            ("住院自付费用补助每人每年50000元", 50000m, 42000m));
        // The education bureau's outbox delivers its payment again under another message id: the ledger keeps it once.
        var again = await PayAsync(household, education, ServiceNames.Education, "6", "education-subsidy", "高中及以上教育资助", 2000m, today, member);
        await ConsumedAsync(again);
        await Monitoring.RowsReachAsync("HouseholdPayments", household, 3);

        var ledger = await LedgerAsync(household);

        Assert.Equal(ThisYear, ledger.GetProperty("year").GetInt32());
        Assert.Equal(12999.99m, ledger.GetProperty("totalYuan").GetDecimal());
        Assert.Equal(
            [(ServiceNames.Agriculture, 2999.99m), (ServiceNames.Education, 2000m), (ServiceNames.Insurance, 8000m)],
            ledger.GetProperty("byDepartment").EnumerateArray().Select(d => (d.GetProperty("department").GetString()!, d.GetProperty("amountYuan").GetDecimal())));
        Assert.All(ledger.GetProperty("byDepartment").EnumerateArray(), d =>
            Assert.Equal(Departments.ByKey(d.GetProperty("department").GetString()!).Bureau, d.GetProperty("departmentName").GetString()));
        Assert.Equal(3, ledger.GetProperty("payments").GetArrayLength());
        var caps = ledger.GetProperty("caps").EnumerateArray().ToDictionary(c => c.GetProperty("capName").GetString()!);
        Assert.Equal((3000m, 2999.99m, 0.01m), Figures(caps["产业发展补助每户累计3000元"]));
        Assert.Equal((50000m, 8000m, 42000m), Figures(caps["住院自付费用补助每人每年50000元"]));
        Assert.Equal("罗正华", caps["住院自付费用补助每人每年50000元"].GetProperty("memberName").GetString());
        Assert.Equal(2, caps.Count);

        // A second hospital bill later the same year: the cap's line follows the insurer's latest figure, the total adds up.
        await PayAsync(household, Guid.NewGuid(), ServiceNames.Insurance, "8", "hospital-subsidy", "住院自付费用补助", 1234.56m, today, member,
            ("住院自付费用补助每人每年50000元", 50000m, 40765.44m));
        await Monitoring.RowsReachAsync("HouseholdPayments", household, 4);
        var after = await LedgerAsync(household);
        Assert.Equal(14234.55m, after.GetProperty("totalYuan").GetDecimal());
        var hospitalCap = after.GetProperty("caps").EnumerateArray().Single(c => c.GetProperty("capName").GetString() == "住院自付费用补助每人每年50000元");
        Assert.Equal((50000m, 9234.56m, 40765.44m), Figures(hospitalCap));

        // The household page shows the same ledger.
        var page = await Monitoring.BrowserFor(TestUser.PovertyOffice).GetStringAsync(new Uri($"/households/{household}", UriKind.Relative), Cancellation);
        Assert.Contains("data-testid=\"household-ledger\"", page, StringComparison.Ordinal);
        Assert.Contains("<strong data-testid=\"ledger-total\">14,234.55</strong>", page, StringComparison.Ordinal);
        Assert.Contains("40,765.44", page, StringComparison.Ordinal);
    }

    private static (decimal Cap, decimal Paid, decimal Headroom) Figures(JsonElement cap) =>
        (cap.GetProperty("capYuan").GetDecimal(), cap.GetProperty("paidThisYearYuan").GetDecimal(), cap.GetProperty("headroomYuan").GetDecimal());

    [Fact]
    public async Task A_payment_counts_in_the_year_it_was_paid_and_a_year_outside_the_register_is_refused_naming_the_field()
    {
        var (household, _) = await Monitoring.RegisterAsync(Village, IdNumbers.New(), 5600m);
        var lastYear = new DateOnly(ThisYear - 1, 12, 30);
        await PayAsync(household, Guid.NewGuid(), ServiceNames.Insurance, "9.1", "other-support", "耕地地力补贴", 356.4m, lastYear);
        await PayAsync(household, Guid.NewGuid(), ServiceNames.Insurance, "9.1", "other-support", "公益林补助", 120m, lastYear.AddDays(3));
        await Monitoring.RowsReachAsync("HouseholdPayments", household, 2);

        var thisYear = await LedgerAsync(household);
        var previous = await LedgerAsync(household, (ThisYear - 1).ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(120m, thisYear.GetProperty("totalYuan").GetDecimal());
        Assert.Equal(356.4m, previous.GetProperty("totalYuan").GetDecimal());
        Assert.Equal([ThisYear, ThisYear - 1], thisYear.GetProperty("years").EnumerateArray().Select(y => y.GetInt32()));
        Assert.Empty(previous.GetProperty("caps").EnumerateArray());
        foreach (var year in new[] { "2020", (ThisYear + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), "二〇二六", "26" })
        {
            using var response = await Monitoring.Client.GetAsync(new Uri($"/api/households/{household}/ledger?year={Uri.EscapeDataString(year)}", UriKind.Relative), Cancellation);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
            var message = Assert.Single(problem.GetProperty("errors").GetProperty("year").EnumerateArray()).GetString()!;
            Assert.Contains("年度应为", message, StringComparison.Ordinal);
            Assert.Contains("The year is", message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_ledger_is_scoped_like_the_register_and_exports_as_an_audited_xlsx()
    {
        var (household, code) = await Monitoring.RegisterAsync(Village, IdNumbers.New(), 5400m);
        var today = Beijing.Today(TimeProvider.System);
        await PayAsync(household, Guid.NewGuid(), ServiceNames.Agriculture, "4", "industry-subsidy", "产业发展补助", 1500m, today,
            cap: ("产业发展补助每户累计3000元", 3000m, 1500m));
        await Monitoring.RowsReachAsync("HouseholdPayments", household, 1);

        using (var outside = await Monitoring.ClientFor(TestUser.XingjieTownship).GetAsync(new Uri($"/api/households/{household}/ledger", UriKind.Relative), Cancellation))
        {
            Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
        }
        using (var department = await Monitoring.ClientFor(TestUser.Department(ServiceDefaults.Security.Roles.Housing))
            .GetAsync(new Uri($"/api/households/{household}/ledger", UriKind.Relative), Cancellation))
        {
            Assert.Equal(HttpStatusCode.Forbidden, department.StatusCode);
        }
        var leader = await LedgerAsync(household, client: Monitoring.ClientFor(TestUser.CountyLeader));
        Assert.NotEqual("罗正华", leader.GetProperty("headName").GetString());
        Assert.Equal(1500m, leader.GetProperty("totalYuan").GetDecimal());

        var audits = await Monitoring.CountAsync("SELECT COUNT(*) FROM AuditLog WHERE Action = 'export' AND HouseholdId = $h", ("$h", household.ToString().ToUpperInvariant()));
        using var export = await Monitoring.BrowserFor(TestUser.PovertyOffice).GetAsync(new Uri($"/api/households/{household}/ledger/export", UriKind.Relative), Cancellation);
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        using var file = new MemoryStream(await export.Content.ReadAsByteArrayAsync(Cancellation));
        var row = Assert.Single(file.Query(useHeaderRow: true, sheetName: "资金台账").Cast<IDictionary<string, object>>());
        Assert.Equal(("县农科局", "产业发展补助", 1500m, 1500m), ((string)row["部门"], (string)row["项目"], Convert.ToDecimal(row["金额（元）"], System.Globalization.CultureInfo.InvariantCulture),
            Convert.ToDecimal(row["支付后剩余额度（元）"], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(audits + 1, await Monitoring.CountAsync("SELECT COUNT(*) FROM AuditLog WHERE Action = 'export' AND HouseholdId = $h", ("$h", household.ToString().ToUpperInvariant())));

        using var yearEnd = await Monitoring.BrowserFor(TestUser.PovertyOffice).GetAsync(new Uri($"/api/ledger/payments/export?village={Village}", UriKind.Relative), Cancellation);
        Assert.Equal(HttpStatusCode.OK, yearEnd.StatusCode);
        using var sheet = new MemoryStream(await yearEnd.Content.ReadAsByteArrayAsync(Cancellation));
        var line = Assert.Single(sheet.Query(useHeaderRow: true).Cast<IDictionary<string, object>>(), r => (string)r["户编号"] == code);
        Assert.Equal("鸡街村", (string)line["村委会"]);
    }
}
