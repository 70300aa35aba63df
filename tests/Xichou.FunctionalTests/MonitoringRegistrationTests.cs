using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Xichou.Contracts;
using Xichou.FunctionalTests.Infrastructure;

namespace Xichou.FunctionalTests;

/// <summary>POST /api/households on the monitoring service, checked against what its SQLite file holds.</summary>
public class MonitoringRegistrationTests(Platform platform)
{
    private static readonly Uri Households = new("/api/households", UriKind.Relative);

    private ServiceHost Monitoring => platform.Monitoring;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>西洒镇龙泉村 by default.</summary>
    private static object Request(string idNumber, string villageCode = "532623100002", string headName = "王明") =>
        new { villageCode, headName, headIdNumber = idNumber };

    [Fact]
    public async Task Valid_household_is_created_with_its_ID_number_masked_and_stored_in_the_monitoring_database()
    {
        var idNumber = IdNumbers.New();

        using var response = await Monitoring.Client.PostAsJsonAsync(Households, Request(idNumber), Cancellation);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        var id = body.GetProperty("id").GetGuid();
        Assert.Equal(IdNumber.Mask(idNumber), body.GetProperty("headIdNumber").GetString());
        Assert.DoesNotContain(idNumber, await response.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
        Assert.Equal("西洒镇", body.GetProperty("townshipName").GetString());
        Assert.StartsWith("532623100-", body.GetProperty("householdCode").GetString(), StringComparison.Ordinal);
        Assert.EndsWith($"api/households/{id}", response.Headers.Location?.OriginalString, StringComparison.Ordinal);

        Assert.Equal(1, await Monitoring.HouseholdsWithIdNumberAsync(idNumber));
        Assert.Equal("王明", await Monitoring.ScalarAsync("SELECT HeadName FROM Households WHERE HeadIdNumber = $id", ("$id", idNumber)));

        var stored = await Monitoring.Client.GetFromJsonAsync<JsonElement>(new Uri($"/api/households/{id}", UriKind.Relative), Cancellation);
        Assert.Equal(IdNumber.Mask(idNumber), stored.GetProperty("headIdNumber").GetString());
        Assert.Equal("龙泉村", stored.GetProperty("village").GetString());
        Assert.Equal("532623100002", stored.GetProperty("villageCode").GetString());
    }

    [Fact]
    public async Task Registration_writes_one_HouseholdRegistered_row_with_the_ID_number_masked_that_is_published_to_the_broker()
    {
        var idNumber = IdNumbers.New();

        using var response = await Monitoring.Client.PostAsJsonAsync(Households, Request(idNumber), Cancellation);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("id").GetString()!;
        Assert.Equal(1, await Monitoring.OutboxRowsAsync<HouseholdRegistered>(id));
        var body = (string)(await Monitoring.ScalarAsync("SELECT Body FROM OutboxMessages WHERE MessageType = $type AND instr(Body, $id) > 0",
            ("$type", typeof(HouseholdRegistered).FullName!), ("$id", id)))!;
        Assert.Contains(IdNumber.Mask(idNumber), body, StringComparison.Ordinal);
        // The full number leaves only in what is sent to one department's own queue, never in anything published to all.
        Assert.Equal(0, await Monitoring.CountAsync("SELECT COUNT(*) FROM OutboxMessages WHERE instr(Body, $id) > 0 AND Destination IS NULL",
            ("$id", idNumber)));
        // SentAt is stamped only once the broker has confirmed the publish.
        await Eventually.GetAsync(() => Monitoring.OutboxSentAtAsync<HouseholdRegistered>(id), "the outbox row to be marked sent");
    }

    [Fact]
    public async Task Invalid_check_digit_is_rejected_with_a_bilingual_error_and_nothing_is_stored()
    {
        var idNumber = IdNumbers.WithWrongCheckDigit();

        using var response = await Monitoring.Client.PostAsJsonAsync(Households, Request(idNumber), Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        var errors = problem.GetProperty("errors");
        Assert.Equal(["headIdNumber"], errors.EnumerateObject().Select(e => e.Name));
        var message = Assert.Single(errors.GetProperty("headIdNumber").EnumerateArray()).GetString();
        Assert.Contains("身份证号校验码不正确", message, StringComparison.Ordinal);
        Assert.Contains("check digit is wrong", message, StringComparison.Ordinal);

        Assert.Equal(0, await Monitoring.HouseholdsWithIdNumberAsync(idNumber));
        Assert.Equal(0, await Monitoring.OutboxRowsMentioningAsync(idNumber));
    }

    [Theory]
    [InlineData("532623999001", "王明", "villageCode", "不是西畴县的村委会代码")]
    [InlineData("", "王明", "villageCode", "村委会必填")]
    [InlineData("532623100002", " ", "headName", "户主姓名必填")]
    public async Task Other_invalid_fields_are_named_in_the_problem_and_nothing_is_stored(
        string villageCode, string headName, string field, string chinese)
    {
        var idNumber = IdNumbers.New();

        using var response = await Monitoring.Client.PostAsJsonAsync(
            Households, Request(idNumber, villageCode, headName), Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("errors");
        Assert.Equal([field], errors.EnumerateObject().Select(e => e.Name));
        Assert.Contains(chinese, errors.GetProperty(field)[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await Monitoring.HouseholdsWithIdNumberAsync(idNumber));
        Assert.Equal(0, await Monitoring.OutboxRowsMentioningAsync(idNumber));
    }

    [Fact]
    public async Task Registering_an_ID_number_twice_is_a_409_and_the_household_is_stored_and_published_once()
    {
        var idNumber = IdNumbers.New();
        using var first = await Monitoring.Client.PostAsJsonAsync(Households, Request(idNumber), Cancellation);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var code = (await first.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("householdCode").GetString();

        using var second = await Monitoring.Client.PostAsJsonAsync(
            Households, Request(idNumber, "532623204001", "李华"), Cancellation);

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("application/problem+json", second.Content.Headers.ContentType?.MediaType);
        var problem = await second.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.Contains("该身份证号已登记", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(code, problem.GetProperty("householdCode").GetString());
        Assert.Equal(1, await Monitoring.HouseholdsWithIdNumberAsync(idNumber));
        Assert.Equal(1, await Monitoring.OutboxRowsAsync<HouseholdRegistered>(code!));
    }

    public static TheoryData<string> MalformedBodies => new(
        """{"villageCode":"532623100002","headName":"王明","headIdNumber":"{id}" """,
        """{"villageCode":532623100002,"headName":"王明","headIdNumber":"{id}"}""",
        """["532623100002","王明","{id}"]""",
        """villageCode=532623100002&headIdNumber={id}""",
        "");

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task Malformed_JSON_is_a_400_not_a_500_and_nothing_is_stored(string template)
    {
        var idNumber = IdNumbers.New();
        using var content = new StringContent(template.Replace("{id}", idNumber, StringComparison.Ordinal), Encoding.UTF8, "application/json");

        using var response = await Monitoring.Client.PostAsync(Households, content, Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await Monitoring.HouseholdsWithIdNumberAsync(idNumber));
        Assert.Equal(0, await Monitoring.OutboxRowsMentioningAsync(idNumber));
    }

    [Fact]
    public async Task Unknown_household_is_404()
    {
        using var response = await Monitoring.Client.GetAsync(new Uri($"/api/households/{Guid.NewGuid()}", UriKind.Relative), Cancellation);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
