using Xichou.Contracts;
using Xichou.Monitoring.Model;

namespace Xichou.UnitTests;

/// <summary>An ID number is someone alive today: not born after today, not more than 120 years before it; x typed lower-case is X.</summary>
public class IdNumberDateTests
{
    private static readonly DateOnly Today = new(2026, 12, 1);

    private static string Born(DateOnly birth) => IdNumber.Compose(IdNumber.XichouAreaCode, birth, 121);

    [Fact]
    public void Someone_born_today_is_accepted() =>
        Assert.Null(IdNumber.Validate(Born(Today), Today));

    [Fact]
    public void A_birth_date_tomorrow_is_refused() =>
        Assert.Equal(IdNumberError.FutureBirthDate, IdNumber.Validate(Born(Today.AddDays(1)), Today));

    [Fact]
    public void The_issues_example_born_2030_is_refused() =>
        Assert.Equal(IdNumberError.FutureBirthDate, IdNumber.Validate(Born(new DateOnly(2030, 1, 1)), Today));

    [Fact]
    public void Someone_exactly_120_today_is_accepted() =>
        Assert.Null(IdNumber.Validate(Born(Today.AddYears(-IdNumber.MaxAgeYears)), Today));

    [Fact]
    public void Someone_born_the_day_before_that_is_refused_as_implausible() =>
        Assert.Equal(IdNumberError.ImplausibleAge, IdNumber.Validate(Born(Today.AddYears(-IdNumber.MaxAgeYears).AddDays(-1)), Today));

    [Fact]
    public void The_issues_example_born_1889_is_refused_as_implausible() =>
        Assert.Equal(IdNumberError.ImplausibleAge, IdNumber.Validate(Born(new DateOnly(1889, 6, 1)), Today));

    [Fact]
    public void A_lower_case_x_check_character_is_valid_once_normalized_to_X()
    {
        const string typed = "11010519491231002x";
        Assert.Equal("11010519491231002X", IdNumber.Normalize(typed));
        Assert.Null(IdNumber.Validate(typed, Today));
        // The stored form is the upper-case one: the shape check alone still refuses the raw lower-case x.
        Assert.Equal(IdNumberError.NotDigits, IdNumber.Validate(typed));
    }

    [Fact]
    public void Normalizing_trims_and_keeps_null()
    {
        Assert.Equal("532623198503151214", IdNumber.Normalize(" 532623198503151214 "));
        Assert.Null(IdNumber.Normalize(null));
    }

    [Fact]
    public void A_wrong_check_digit_is_refused_as_such_whatever_the_birth_date()
    {
        var future = Born(new DateOnly(2030, 1, 1));
        var wrong = string.Concat(future.AsSpan(0, 17), future[17] == '0' ? "1" : "0");
        Assert.Equal(IdNumberError.BadCheckDigit, IdNumber.Validate(wrong, Today));
    }

    [Fact]
    public void A_registration_names_the_future_birth_date_in_both_languages()
    {
        var request = new RegisterHouseholdRequest("532623200001", "王明", Born(new DateOnly(2030, 1, 1)));
        var message = Assert.Single(HouseholdRegistration.Validate(request, Today).ToDictionary()["headIdNumber"]);
        Assert.Contains("2030-01-01", message, StringComparison.Ordinal);
        Assert.Contains("晚于今天", message, StringComparison.Ordinal);
        Assert.Contains("after today", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_registration_questions_an_age_over_120_in_both_languages()
    {
        var request = new RegisterHouseholdRequest("532623200001", "王明", Born(new DateOnly(1889, 6, 1)));
        var message = Assert.Single(HouseholdRegistration.Validate(request, Today).ToDictionary()["headIdNumber"]);
        Assert.Contains("超过120岁", message, StringComparison.Ordinal);
        Assert.Contains("older than 120", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_registration_takes_a_lower_case_x_and_a_member_repeating_it_upper_case_is_the_head()
    {
        var head = IdNumber.Compose(IdNumber.XichouAreaCode, new DateOnly(1949, 12, 31), 2); // ends in X
        Assert.EndsWith("X", head, StringComparison.Ordinal);
        var request = new RegisterHouseholdRequest("532623200001", "王明", head.ToLowerInvariant(),
            Members: [new MemberRequest("head", "王明", head)]);
        Assert.True(HouseholdRegistration.Validate(request, Today).IsEmpty);
        Assert.Equal(head, request.Normalized().HeadIdNumber);
    }
}
