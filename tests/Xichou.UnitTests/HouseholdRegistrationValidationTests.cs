using Xichou.Monitoring.Model;

namespace Xichou.UnitTests;

public class HouseholdRegistrationValidationTests
{
    private static readonly RegisterHouseholdRequest Valid = new("532623100", "龙正村", "王明", "532623198503151214");

    private static IDictionary<string, string[]> ErrorsFor(RegisterHouseholdRequest request) =>
        HouseholdRegistration.Validate(request).ToDictionary();

    [Fact]
    public void Complete_request_with_a_valid_ID_number_has_no_errors() =>
        Assert.True(HouseholdRegistration.Validate(Valid).IsEmpty);

    [Theory]
    [InlineData("532623100")]
    [InlineData("532623101")]
    [InlineData("532623200")]
    [InlineData("532623206")]
    public void Each_of_Xichou_townships_is_accepted(string townshipCode) =>
        Assert.True(HouseholdRegistration.Validate(Valid with { TownshipCode = townshipCode }).IsEmpty);

    [Theory]
    [InlineData("532623207")] // one past the last township
    [InlineData("532622100")] // another county
    [InlineData("西洒镇")]
    public void Township_outside_Xichou_is_rejected_in_Chinese_and_English(string townshipCode)
    {
        var errors = ErrorsFor(Valid with { TownshipCode = townshipCode });
        var message = Assert.Single(Assert.Single(errors, e => e.Key == "townshipCode").Value);
        Assert.Contains("不是西畴县9个乡镇之一", message, StringComparison.Ordinal);
        Assert.Contains("Not one of Xichou County's 9 township codes", message, StringComparison.Ordinal);
        Assert.Single(errors);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Missing_township_is_required(string? townshipCode)
    {
        var message = Assert.Single(ErrorsFor(Valid with { TownshipCode = townshipCode })["townshipCode"]);
        Assert.Contains("乡镇必填", message, StringComparison.Ordinal);
        Assert.Contains("The township is required.", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("\t ")]
    public void Missing_village_is_required(string? village)
    {
        var errors = ErrorsFor(Valid with { Village = village });
        var message = Assert.Single(Assert.Single(errors).Value);
        Assert.Equal("village", Assert.Single(errors).Key);
        Assert.Contains("行政村必填", message, StringComparison.Ordinal);
        Assert.Contains("The village is required.", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Missing_head_name_is_required(string? headName)
    {
        var errors = ErrorsFor(Valid with { HeadName = headName });
        Assert.Equal("headName", Assert.Single(errors).Key);
        var message = Assert.Single(errors["headName"]);
        Assert.Contains("户主姓名必填", message, StringComparison.Ordinal);
        Assert.Contains("The head of household's name is required.", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_longer_than_64_characters_are_rejected_and_64_are_accepted()
    {
        var longest = new string('村', HouseholdRegistration.MaxNameLength);
        Assert.True(HouseholdRegistration.Validate(Valid with { Village = longest, HeadName = longest }).IsEmpty);

        var errors = ErrorsFor(Valid with { Village = longest + "村", HeadName = longest + "王" });
        Assert.Equal(["headName", "village"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("不能超过64个字", Assert.Single(errors["village"]), StringComparison.Ordinal);
        Assert.Contains("is at most 64 characters", Assert.Single(errors["headName"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Surrounding_spaces_do_not_count_towards_the_length_limit() =>
        Assert.True(HouseholdRegistration.Validate(
            Valid with { Village = "  " + new string('村', HouseholdRegistration.MaxNameLength) + "  " }).IsEmpty);

    [Theory]
    [InlineData("532623198503151210", "身份证号校验码不正确", "check digit is wrong")]
    [InlineData("53262319850315121", "身份证号应为18位", "An ID number has 18 characters.")]
    [InlineData("5326231985031512AB", "前17位应为数字", "An ID number is 17 digits and a digit or X.")]
    [InlineData("532623198002301237", "出生日期无效", "The birth date in the ID number is not a date.")]
    [InlineData("", "户主身份证号必填", "The head of household's ID number is required.")]
    public void Invalid_head_ID_number_is_reported_under_headIdNumber_in_Chinese_and_English(
        string idNumber, string chinese, string english)
    {
        var errors = ErrorsFor(Valid with { HeadIdNumber = idNumber });
        Assert.Equal("headIdNumber", Assert.Single(errors).Key);
        var message = Assert.Single(errors["headIdNumber"]);
        Assert.Contains(chinese, message, StringComparison.Ordinal);
        Assert.Contains(english, message, StringComparison.Ordinal);
        Assert.True(message.IndexOf(chinese, StringComparison.Ordinal) < message.IndexOf(english, StringComparison.Ordinal),
            "Chinese comes first");
    }

    [Fact]
    public void Every_invalid_field_is_reported_at_once()
    {
        var errors = ErrorsFor(new RegisterHouseholdRequest(null, null, null, null));
        Assert.Equal(["headIdNumber", "headName", "townshipCode", "village"], errors.Keys.Order(StringComparer.Ordinal));
    }
}
