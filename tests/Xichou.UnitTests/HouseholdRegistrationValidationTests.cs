using Xichou.Monitoring.Model;

namespace Xichou.UnitTests;

public class HouseholdRegistrationValidationTests
{
    private static readonly DateOnly Today = new(2026, 12, 1);

    private static readonly RegisterHouseholdRequest Valid = new("532623200001", "王明", "532623198503151214");

    private static IDictionary<string, string[]> ErrorsFor(RegisterHouseholdRequest request) =>
        HouseholdRegistration.Validate(request, Today).ToDictionary();

    [Fact]
    public void Complete_request_with_a_valid_ID_number_has_no_errors() =>
        Assert.True(HouseholdRegistration.Validate(Valid, Today).IsEmpty);

    [Theory]
    [InlineData("532623100001")] // 西洒镇西洒社区, the first
    [InlineData("532623101012")] // 兴街镇三光村
    [InlineData("532623206009")] // 鸡街乡中寨村, the last
    public void Xichou_village_codes_are_accepted(string villageCode) =>
        Assert.True(HouseholdRegistration.Validate(Valid with { VillageCode = villageCode }, Today).IsEmpty);

    [Theory]
    [InlineData("532623206010")] // one past 鸡街乡's last village
    [InlineData("532623207001")] // no such township
    [InlineData("532622100001")] // another county
    [InlineData("三光村")]
    public void Village_outside_Xichou_is_rejected_in_Chinese_and_English(string villageCode)
    {
        var errors = ErrorsFor(Valid with { VillageCode = villageCode });
        var message = Assert.Single(Assert.Single(errors, e => e.Key == "villageCode").Value);
        Assert.Contains("不是西畴县的村委会代码", message, StringComparison.Ordinal);
        Assert.Contains("Not a village committee code of Xichou County", message, StringComparison.Ordinal);
        Assert.Single(errors);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("\t ")]
    public void Missing_village_is_required(string? villageCode)
    {
        var errors = ErrorsFor(Valid with { VillageCode = villageCode });
        Assert.Equal("villageCode", Assert.Single(errors).Key);
        var message = Assert.Single(errors["villageCode"]);
        Assert.Contains("村委会必填", message, StringComparison.Ordinal);
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
        var longest = new string('王', HouseholdRegistration.MaxNameLength);
        Assert.True(HouseholdRegistration.Validate(Valid with { HeadName = longest }, Today).IsEmpty);

        var errors = ErrorsFor(Valid with { HeadName = longest + "王" });
        var message = Assert.Single(Assert.Single(errors, e => e.Key == "headName").Value);
        Assert.Contains("不能超过64个字", message, StringComparison.Ordinal);
        Assert.Contains("is at most 64 characters", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Surrounding_spaces_do_not_count_towards_the_length_limit() =>
        Assert.True(HouseholdRegistration.Validate(
            Valid with { HeadName = "  " + new string('王', HouseholdRegistration.MaxNameLength) + "  " }, Today).IsEmpty);

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
        var errors = ErrorsFor(new RegisterHouseholdRequest(null, null, null));
        Assert.Equal(["headIdNumber", "headName", "villageCode"], errors.Keys.Order(StringComparer.Ordinal));
    }
}
