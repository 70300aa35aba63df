using Xichou.Contracts;

namespace Xichou.UnitTests;

public class IdNumberTests
{
    [Theory]
    [InlineData("11010519491231002X")] // the GB 11643 standard's own example, check character X
    [InlineData("440524188001010014")]
    [InlineData("532623198503151214")]
    [InlineData("532623197001013319")]
    [InlineData("53262319920808771X")]
    [InlineData("532623200002290048")] // 29 February of a leap year
    public void Real_ID_numbers_with_a_correct_check_character_are_valid(string idNumber)
    {
        Assert.Null(IdNumber.Validate(idNumber));
        Assert.True(IdNumber.IsValid(idNumber));
    }

    [Theory]
    [InlineData("11010519491231002", 'X')]
    [InlineData("44052418800101001", '4')]
    [InlineData("53262319850315121", '4')]
    [InlineData("53262319700101331", '9')]
    public void Check_character_is_the_ISO_7064_MOD_11_2_remainder(string first17, char expected) =>
        Assert.Equal(expected, IdNumber.CheckCharacterFor(first17));

    [Fact]
    public void Composed_ID_numbers_carry_area_birth_date_sequence_and_check_character()
    {
        Assert.Equal("11010519491231002X", IdNumber.Compose("110105", new DateOnly(1949, 12, 31), 2));
        Assert.Equal("532623198503151214", IdNumber.Compose(IdNumber.XichouAreaCode, new DateOnly(1985, 3, 15), 121));
        Assert.Throws<ArgumentOutOfRangeException>(() => IdNumber.Compose(IdNumber.XichouAreaCode, new DateOnly(1985, 3, 15), 1000));
    }

    [Theory]
    [InlineData("110105194912310021")] // the X of the standard's example replaced by 1
    [InlineData("440524188001010015")]
    [InlineData("532623198503151210")]
    [InlineData("532623197001013318")]
    public void Wrong_check_digit_is_rejected(string idNumber) =>
        Assert.Equal(IdNumberError.BadCheckDigit, IdNumber.Validate(idNumber));

    [Theory]
    [InlineData("11010519491231002")]
    [InlineData("11010519491231002X0")]
    [InlineData("110105491231002")] // the old 15-digit form is not accepted
    public void Wrong_length_is_rejected(string idNumber) =>
        Assert.Equal(IdNumberError.WrongLength, IdNumber.Validate(idNumber));

    [Theory]
    [InlineData("11010519491231002x")] // only an upper-case X is a check character
    [InlineData("1101051949123100AX")]
    [InlineData("A10105194912310024")]
    [InlineData("11010519491231002Y")]
    [InlineData("１１０１０５１９４９１２３１００２X")] // full-width digits
    public void Letters_and_non_ASCII_digits_are_rejected(string idNumber) =>
        Assert.Equal(IdNumberError.NotDigits, IdNumber.Validate(idNumber));

    [Theory]
    [InlineData("532623198002301237")] // 30 February; every check character here matches, only the date is wrong
    [InlineData("532623198513011231")] // month 13
    [InlineData("532623190002290041")] // 1900 was not a leap year
    [InlineData("532623198504310010")] // 31 April
    public void Impossible_birth_date_is_rejected(string idNumber) =>
        Assert.Equal(IdNumberError.BadBirthDate, IdNumber.Validate(idNumber));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Missing_ID_number_is_rejected(string? idNumber)
    {
        Assert.Equal(IdNumberError.Missing, IdNumber.Validate(idNumber));
        Assert.False(IdNumber.IsValid(idNumber));
    }

    [Fact]
    public void Check_character_needs_exactly_17_digits() =>
        Assert.Throws<ArgumentException>(() => IdNumber.CheckCharacterFor("1101051949123100"));

    [Fact]
    public void Birth_date_is_read_from_characters_7_to_14() =>
        Assert.Equal(new DateOnly(1949, 12, 31), IdNumber.BirthDateOf("11010519491231002X"));

    [Fact]
    public void Masking_keeps_the_area_code_and_the_last_four_characters() =>
        Assert.Equal("110105********002X", IdNumber.Mask("11010519491231002X"));

    [Fact]
    public void Masking_hides_the_birth_date() =>
        Assert.DoesNotContain("19491231", IdNumber.Mask("11010519491231002X"), StringComparison.Ordinal);

    [Theory]
    [InlineData("")]
    [InlineData("1234")]
    [InlineData("11010519491231002X0")]
    public void Masking_something_that_is_not_18_characters_reveals_nothing(string value) =>
        Assert.Equal("******", IdNumber.Mask(value));
}
