using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xichou.Contracts;

namespace Xichou.EndToEndTests;

/// <summary>
/// The household's journey across two offices, through the gateway with real RabbitMQ: the register, housing's
/// assessment and remediation, a referral between them, and the verification visit that closes the risk only once the
/// referral is delivered. At each step the roles allowed see it and the others do not.
/// </summary>
public sealed class DepartmentFlowTests(PlatformFixture platform)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static string Today => Beijing.DateOf(DateTimeOffset.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_grade_D_house_is_referred_remediated_delivered_and_only_then_closed_by_a_verification_visit()
    {
        using var village = await platform.CreateGatewayClientAsync("village-sanguang");
        using var otherVillage = await platform.CreateGatewayClientAsync("village-longping");
        using var otherTownship = await platform.CreateGatewayClientAsync("township-xisa");
        using var housing = await platform.CreateGatewayClientAsync("housing");
        using var water = await platform.CreateGatewayClientAsync("water");
        using var agriculture = await platform.CreateGatewayClientAsync("agriculture");

        // 1. The village registers the household on the register.
        var household = (await SendAsync(village, HttpMethod.Post, "/monitoring/api/households", new
        {
            villageCode = "532623101012", headName = "陶光荣", headIdNumber = IdNumbers.New(), perCapitaIncome = 8000m,
        }, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await Eventually.GetAsync(async () => (await housing.GetAsync($"/housing/api/households/{household}", Cancellation)).StatusCode == HttpStatusCode.OK
            ? "known" : null, "housing to hold the household");

        // 2. Housing grades the house D: a finding on the register, at village level, seen by this village and not the next.
        var assessment = await SendAsync(housing, HttpMethod.Post, $"/housing/api/households/{household}/assessments",
            new { grade = "D", assessedOn = Today, assessor = "县住建局 李工", note = "承重墙开裂，屋面漏雨" }, HttpStatusCode.Created);
        Assert.Equal("D", assessment.GetProperty("grade").GetString());
        var risk = await Eventually.GetAsync(async () =>
        {
            var page = await village.GetFromJsonAsync<JsonElement>("/monitoring/api/risks?status=open&pageSize=200", Cancellation);
            return page.GetProperty("items").EnumerateArray()
                .Where(r => r.GetProperty("householdId").GetGuid() == household && r.GetProperty("rule").GetString()!.StartsWith("housing", StringComparison.Ordinal))
                .Select(r => (JsonElement?)r).FirstOrDefault()?.GetProperty("id").GetGuid().ToString();
        }, "the housing finding on the register");
        Assert.Equal(HttpStatusCode.NotFound, (await otherVillage.GetAsync($"/monitoring/api/risks/{risk}", Cancellation)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await water.GetAsync($"/housing/api/households/{household}/assessments", Cancellation)).StatusCode);

        // 3. The village refers it to housing for that risk; another township cannot see the referral, another department neither.
        var referral = await SendAsync(village, HttpMethod.Post, "/monitoring/api/referrals",
            new { householdId = household, toDepartment = "housing", riskId = risk, request = "房屋鉴定为D级，请住建局落实改造" }, HttpStatusCode.Created);
        var referralId = referral.GetProperty("id").GetGuid();
        Assert.Equal("requested", referral.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await otherTownship.GetAsync($"/monitoring/api/referrals/{referralId}", Cancellation)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await water.GetAsync($"/housing/api/referrals/{referralId}", Cancellation)).StatusCode);

        // Access follows the referral: housing reads the household's basics on the register; agriculture, with no referral, does not.
        var basics = await SendAsync(housing, HttpMethod.Get, $"/monitoring/api/households/{household}", null, HttpStatusCode.OK);
        Assert.Equal("陶光荣", basics.GetProperty("headName").GetString());
        Assert.False(basics.TryGetProperty("members", out var members) && members.ValueKind == JsonValueKind.Array && members.GetArrayLength() > 0);
        Assert.True((await agriculture.GetAsync($"/monitoring/api/households/{household}", Cancellation)).StatusCode
            is HttpStatusCode.NotFound or HttpStatusCode.Forbidden);

        // 4. Housing finds it in its inbox and accepts; the village sees it accepted.
        await Eventually.GetAsync(async () =>
        {
            var inbox = await housing.GetFromJsonAsync<JsonElement>("/housing/api/referrals?direction=incoming&status=open", Cancellation);
            return inbox.GetProperty("items").EnumerateArray().Any(r => r.GetProperty("id").GetGuid() == referralId) ? "in inbox" : null;
        }, "the referral in housing's inbox");
        await SendAsync(housing, HttpMethod.Post, $"/housing/api/referrals/{referralId}/accept", new { }, HttpStatusCode.OK);
        await StatusAsync(village, $"/monitoring/api/referrals/{referralId}", "accepted");

        // A verification visit now meets the exit rule, but the referral is still open: the risk stays open.
        await SendAsync(village, HttpMethod.Post, $"/monitoring/api/households/{household}/visits", Verification(), HttpStatusCode.Created);
        var waiting = await SendAsync(village, HttpMethod.Get, $"/monitoring/api/risks/{risk}", null, HttpStatusCode.OK);
        Assert.Equal("open", waiting.GetProperty("risk").GetProperty("status").GetString());
        Assert.Equal(1, waiting.GetProperty("openReferrals").GetInt32());
        Assert.Equal(referralId, Assert.Single(waiting.GetProperty("referrals").EnumerateArray()).GetProperty("id").GetGuid());

        // 5. Housing remediates: a plan with one responsible person, progress, and completion with a re-assessment of B.
        var caseId = await Eventually.GetAsync(async () =>
        {
            var open = await housing.GetFromJsonAsync<JsonElement>("/housing/api/remediations?status=open", Cancellation);
            return ItemsOf(open).Where(c => c.GetProperty("householdId").GetGuid() == household)
                .Select(c => c.GetProperty("id").GetGuid().ToString()).FirstOrDefault();
        }, "the remediation case");
        await SendAsync(housing, HttpMethod.Put, $"/housing/api/remediations/{caseId}/plan",
            new { route = "pairing-unit-help", responsiblePerson = "县住建局 王建国", plan = "挂包帮单位帮建，加固承重墙、翻修屋面" }, HttpStatusCode.OK);
        await SendAsync(housing, HttpMethod.Post, $"/housing/api/remediations/{caseId}/progress",
            new { on = Today, text = "材料已进场，开始加固" }, HttpStatusCode.OK);
        var rejected = await SendAsync(housing, HttpMethod.Post, $"/housing/api/remediations/{caseId}/complete",
            new { grade = "C", assessedOn = Today, assessor = "县住建局 李工" }, HttpStatusCode.BadRequest);
        Assert.True(rejected.GetProperty("errors").TryGetProperty("grade", out _));
        await SendAsync(housing, HttpMethod.Post, $"/housing/api/remediations/{caseId}/complete",
            new { grade = "B", assessedOn = Today, assessor = "县住建局 李工", note = "复核为B级，基本安全" }, HttpStatusCode.OK);

        // 6. The referral is delivered, and the register's copy says so.
        var delivered = await StatusAsync(village, $"/monitoring/api/referrals/{referralId}", "delivered");
        Assert.Contains("B", delivered.GetProperty("outcome").GetString(), StringComparison.Ordinal);

        // 7. Housing's re-check clears its finding (FindingCleared, in the completion's transaction): the register closes the
        // risk with housing's words, without waiting for a village visit, which cannot verify a house (issue 14).
        var closed = await StatusAsync(village, $"/monitoring/api/risks/{risk}", "closed", body => body.GetProperty("risk"));
        Assert.Contains("复核为B级", closed.GetProperty("risk").GetProperty("resolution").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, closed.GetProperty("openReferrals").GetInt32());
        var visit = await SendAsync(village, HttpMethod.Post, $"/monitoring/api/households/{household}/visits", Verification(), HttpStatusCode.Created);
        Assert.Empty(visit.GetProperty("stayedOpen").EnumerateArray());
    }

    private static object Verification() => new
    {
        kind = "verification", visitedOn = Today, visitors = "三光村监测员",
        food = true, clothing = true, compulsorySchooling = true, medicalCare = true, safeHousing = true, safeDrinkingWater = true,
        perCapitaIncome = 8000m, expenses = Array.Empty<object>(),
    };

    private static JsonElement.ArrayEnumerator ItemsOf(JsonElement page) =>
        page.ValueKind == JsonValueKind.Array ? page.EnumerateArray() : page.GetProperty("items").EnumerateArray();

    /// <summary>Waits until the view at <paramref name="path"/> (or the part of it <paramref name="holder"/> picks) has <paramref name="status"/>.</summary>
    private static async Task<JsonElement> StatusAsync(HttpClient client, string path, string status, Func<JsonElement, JsonElement>? holder = null)
    {
        var body = await Eventually.GetAsync(async () =>
        {
            var view = await client.GetFromJsonAsync<JsonElement>(path, Cancellation);
            return (holder?.Invoke(view) ?? view).GetProperty("status").GetString() == status ? view.GetRawText() : null;
        }, $"{path} to be {status}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task<JsonElement> SendAsync(HttpClient client, HttpMethod method, string path, object? body, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await client.SendAsync(request, Cancellation);
        var text = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.True(expected == response.StatusCode, $"{method} {path}: expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

}
