using System.Net;
using Xichou.Contracts;
using Xichou.FunctionalTests.Infrastructure;
using static Xichou.FunctionalTests.Employment.EmploymentSteps;

namespace Xichou.FunctionalTests.Employment;

/// <summary>
/// Bad input to employment's writes: a member who is not one of the household's labourers, a check of a month still to come, a
/// negative income, a training ending before it starts are each a 400 naming the field in Chinese and English with nothing
/// stored; an unknown household is a 404 ProblemDetails; only employment's staff write.
/// </summary>
public class EmploymentInputTests(Platform platform)
{
    // 新寨村: no other test records employment here.
    private const string Village = "532623205003";

    private ServiceHost Employment => platform[ServiceNames.Employment];

    [Fact]
    public async Task A_member_of_another_household_a_future_month_a_negative_income_and_an_end_before_the_start_are_400_each_named_and_nothing_is_stored()
    {
        var household = await RegisteredWithLabourersAsync(platform, Village);
        var other = await RegisteredWithLabourersAsync(platform, Village);
        await AwayAsync(Employment.Client, household.Id, household.Head, Day(TodayDate.AddMonths(-3)));
        var before = await StoredAsync(Employment, household.Id);

        var stranger = await AwayAsync(Employment.Client, household.Id, other.Head, Today, expected: HttpStatusCode.BadRequest);
        Assert.Equal(["memberId"], FieldErrors(stranger).Keys);
        Assert.Contains("不是本户的劳动力", FieldErrors(stranger)["memberId"][0], StringComparison.Ordinal);

        var future = await CheckAsync(Employment.Client, household.Id, household.Head, Month(TodayDate.AddMonths(1)), true, 4000m, HttpStatusCode.BadRequest);
        Assert.Equal(["month"], FieldErrors(future).Keys);
        Assert.Contains("不能核查未来的月份", FieldErrors(future)["month"][0], StringComparison.Ordinal);

        var negative = await CheckAsync(Employment.Client, household.Id, household.Head, Month(TodayDate), true, -1m, HttpStatusCode.BadRequest);
        Assert.Equal(["monthlyIncomeYuan"], FieldErrors(negative).Keys);
        var negativeStatus = await AwayAsync(Employment.Client, household.Id, household.Spouse, Today, income: -0.01m, expected: HttpStatusCode.BadRequest);
        Assert.Equal(["monthlyIncomeYuan"], FieldErrors(negativeStatus).Keys);

        var backwards = await TrainAsync(Employment.Client, household.Id, household.Spouse, HttpStatusCode.BadRequest,
            startOn: Day(TodayDate.AddDays(-3)), endOn: Day(TodayDate.AddDays(-4)));
        Assert.Equal(["endOn"], FieldErrors(backwards).Keys);

        var several = await SendAsync(Employment.Client, HttpMethod.Post, $"/api/households/{household.Id}/job-services",
            new { memberId = Guid.NewGuid(), kind = "lottery", on = "2026/12/01" }, HttpStatusCode.BadRequest);
        Assert.Equal(["kind", "memberId", "on"], FieldErrors(several).Keys.Order(StringComparer.Ordinal));

        Assert.Equal(before, await StoredAsync(Employment, household.Id));
    }

    [Fact]
    public async Task An_unknown_household_is_404_problem_details_for_reads_and_writes()
    {
        var unknown = Guid.NewGuid();

        using var read = await Employment.Client.GetAsync(new Uri($"/api/households/{unknown}/labourers", UriKind.Relative), Cancellation);
        var write = await TrainAsync(Employment.Client, unknown, Guid.NewGuid(), HttpStatusCode.NotFound);

        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal("application/problem+json", read.Content.Headers.ContentType?.MediaType);
        Assert.Equal(404, write.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task A_check_of_someone_not_working_away_and_a_second_check_of_a_month_are_409_and_store_nothing()
    {
        var household = await RegisteredWithLabourersAsync(platform, Village);
        await NotEmployedAsync(Employment.Client, household.Id, household.Spouse);
        await AwayAsync(Employment.Client, household.Id, household.Head, Day(TodayDate.AddMonths(-1)));
        await CheckAsync(Employment.Client, household.Id, household.Head, Month(TodayDate), true, 4500m);
        var before = await StoredAsync(Employment, household.Id);

        var notAway = await CheckAsync(Employment.Client, household.Id, household.Spouse, Month(TodayDate), true, 3000m, HttpStatusCode.Conflict);
        var twice = await CheckAsync(Employment.Client, household.Id, household.Head, Month(TodayDate), true, 4600m, HttpStatusCode.Conflict);
        var beforeLeaving = await CheckAsync(Employment.Client, household.Id, household.Head, Month(TodayDate.AddMonths(-3)), true, 4600m, HttpStatusCode.BadRequest);

        Assert.Contains("不是外出务工人员", notAway.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Contains("该月已核查", twice.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(["month"], FieldErrors(beforeLeaving).Keys);
        Assert.Equal(before, await StoredAsync(Employment, household.Id));
    }

    [Fact]
    public async Task Only_employment_staff_write_an_agriculture_user_is_403_and_a_county_leader_reads_with_names_masked()
    {
        var household = await RegisteredWithLabourersAsync(platform, Village);
        using var agriculture = Employment.ClientFor(TestUser.Department(ServiceNames.Agriculture));
        using var leader = Employment.ClientFor(TestUser.CountyLeader);

        await TrainAsync(agriculture, household.Id, household.Head, HttpStatusCode.Forbidden);
        await TrainAsync(leader, household.Id, household.Head, HttpStatusCode.Forbidden);
        var read = await LabourersAsync(leader, household.Id);

        Assert.Equal(0, await Employment.CountAsync("SELECT COUNT(*) FROM Trainings WHERE HouseholdId = $id", ("$id", Id(household.Id))));
        Assert.DoesNotContain(read.GetProperty("items").EnumerateArray(), i => i.GetProperty("name").GetString() == "陶玉兰");
        using var head = Employment.ClientFor(TestUser.Department("employment-head"));
        await TrainAsync(head, household.Id, household.Head);
    }
}
