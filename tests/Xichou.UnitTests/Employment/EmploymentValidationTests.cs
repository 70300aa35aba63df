using Xichou.Employment.Application;
using Xichou.Employment.Model;
using Xichou.ServiceDefaults.Http;

namespace Xichou.UnitTests.Employment;

/// <summary>The employment requests' checks: each bad field named in Chinese and English, the month and dates against today (Beijing).</summary>
public class EmploymentValidationTests
{
    private static readonly DateOnly Today = new(2026, 12, 1);
    private static readonly Guid Member = Guid.NewGuid();

    private static IDictionary<string, string[]> Errors(Func<ValidationErrors, object?> validate)
    {
        var errors = new ValidationErrors();
        Assert.Null(validate(errors));
        var all = errors.ToDictionary();
        Assert.All(all.Values.SelectMany(m => m), message => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}.* / [A-Za-z]", message));
        return all;
    }

    [Fact]
    public void A_check_of_this_month_is_accepted_and_of_next_month_is_refused_on_month()
    {
        var errors = new ValidationErrors();
        var facts = EmploymentValidation.MigrantCheck(new MigrantCheckRequest(Member, "2026-12", null, true, 4200.005m, null), Today, errors);

        Assert.True(errors.IsEmpty);
        Assert.Equal(new DateOnly(2026, 12, 1), facts!.Month);
        Assert.Equal(Today, facts.CheckedOn);
        Assert.Equal(4200.01m, facts.MonthlyIncomeYuan);
        var future = Errors(e => EmploymentValidation.MigrantCheck(new MigrantCheckRequest(Member, "2027-01", null, true, 4200m, null), Today, e));
        Assert.Equal(["month"], future.Keys);
        Assert.Contains("不能核查未来的月份", future["month"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_negative_income_and_a_missing_still_employed_are_each_named()
    {
        var errors = Errors(e => EmploymentValidation.MigrantCheck(new MigrantCheckRequest(Member, "2026-11", null, null, -0.01m, null), Today, e));

        Assert.Equal(["monthlyIncomeYuan", "stillEmployed"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("不能为负数", errors["monthlyIncomeYuan"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_check_dated_before_the_month_it_covers_is_refused_on_checked_on()
    {
        var errors = Errors(e => EmploymentValidation.MigrantCheck(new MigrantCheckRequest(Member, "2026-11", "2026-10-31", true, 3000m, null), Today, e));

        Assert.Equal(["checkedOn"], errors.Keys);
    }

    [Fact]
    public void A_training_ending_before_it_starts_is_refused_on_end_on_and_one_ending_the_day_it_starts_is_accepted()
    {
        var backwards = Errors(e => EmploymentValidation.Training(new TrainingRequest(Member, "电工", "县职校", "2026-11-10", "2026-11-09", null), Today, e));
        var errors = new ValidationErrors();
        var oneDay = EmploymentValidation.Training(new TrainingRequest(Member, "电工", "县职校", "2026-11-10", "2026-11-10", " 电工证 "), Today, errors);

        Assert.Equal(["endOn"], backwards.Keys);
        Assert.Contains("结业日期不能早于开班日期", backwards["endOn"][0], StringComparison.Ordinal);
        Assert.True(errors.IsEmpty);
        Assert.Equal("电工证", oneDay!.Certificate);
    }

    [Fact]
    public void Working_away_needs_place_employer_since_and_income_and_not_seeking_needs_a_reason()
    {
        var away = Errors(e => EmploymentValidation.Employment(new EmploymentRequest(Member, "away", null, " ", null, null, null, null), Today, e));
        var notSeeking = Errors(e => EmploymentValidation.Employment(new EmploymentRequest(Member, "not-seeking", null, null, null, null, null, null), Today, e));
        var unknown = Errors(e => EmploymentValidation.Employment(new EmploymentRequest(Member, "retired", null, null, null, null, null, null), Today, e));

        Assert.Equal(["employer", "monthlyIncomeYuan", "place", "since"], away.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["reason"], notSeeking.Keys);
        Assert.Equal(["status"], unknown.Keys);
    }

    [Fact]
    public void A_public_welfare_post_is_local_employment_and_not_employed_needs_nothing_more()
    {
        var errors = new ValidationErrors();
        var post = EmploymentValidation.Employment(new EmploymentRequest(Member, "local", null, "生态护林员", "2026-03-01", 800m, true, null), Today, errors);
        var none = EmploymentValidation.Employment(new EmploymentRequest(Member, "not-employed", "广东", "某厂", "2026-03-01", 5000m, null, "不想说"), Today, errors);

        Assert.True(errors.IsEmpty);
        Assert.Equal((EmploymentStatus.Local, true), (post!.Status, post.PublicWelfarePost));
        // Not employed: the fields of a job (and a reason, which is not-seeking's) are not kept.
        Assert.Equal((null, null, (decimal?)null, (string?)null), (none!.Place, none.Employer, none.MonthlyIncomeYuan, none.Reason));
    }

    [Fact]
    public void A_bad_field_is_named_whatever_the_status_even_an_unknown_one()
    {
        var errors = Errors(e => EmploymentValidation.Employment(
            new EmploymentRequest(Member, "retired", new string('地', 101), null, "yesterday", -1m, null, new string('因', 201)), Today, e));

        Assert.Equal(["monthlyIncomeYuan", "place", "reason", "since", "status"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_missing_member_is_named_member_id()
    {
        var errors = Errors(e => EmploymentValidation.JobService(new JobServiceRequest(null, "job-fair", "2026-11-20", null), Today, e));

        Assert.Equal(["memberId"], errors.Keys);
    }
}
