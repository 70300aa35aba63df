using Xichou.ServiceDefaults.Data;

namespace Xichou.FunctionalTests.PlatformDefaults;

/// <summary>
/// SQL Server cannot run here, so its messages are checked as text: these are SQL Server 2022's own wordings of a duplicate
/// on a unique index (2601), on a primary or unique key (2627) and of a truncation (2628), each quoting the value.
/// </summary>
public class DatabaseErrorsTests
{
    private const string IdNumber = "532623199001011234";

    private const string DuplicateOnIndex =
        "Cannot insert duplicate key row in object 'dbo.Households' with unique index 'IX_Households_HeadIdNumber'. " +
        "The duplicate key value is (" + IdNumber + ").\r\nThe statement has been terminated.";

    private const string DuplicateOnKey =
        "Violation of PRIMARY KEY constraint 'PK_Members'. Cannot insert duplicate key in object 'dbo.Members'. " +
        "The duplicate key value is (" + IdNumber + ", (2) 罗永红).\r\nThe statement has been terminated.";

    private const string DuplicateOnUniqueKey =
        "Violation of UNIQUE KEY constraint 'AK_Members_IdNumber'. Cannot insert duplicate key in object 'dbo.Members'. " +
        "The duplicate key value is (" + IdNumber + ").";

    private const string Truncated =
        "String or binary data would be truncated in table 'xichou_monitoring.dbo.Households', column 'HeadIdNumber'. " +
        "Truncated value: '" + IdNumber + "'.";

    [Theory]
    [InlineData(DuplicateOnIndex)]
    [InlineData(DuplicateOnKey)]
    [InlineData(DuplicateOnUniqueKey)]
    [InlineData(Truncated)]
    public void The_value_is_withheld_and_the_rest_of_the_message_kept(string message)
    {
        var redacted = DatabaseErrors.Redact(message);

        Assert.DoesNotContain(IdNumber, redacted, StringComparison.Ordinal);
        Assert.DoesNotContain("罗永红", redacted, StringComparison.Ordinal);
        Assert.Contains(DatabaseErrors.Withheld, redacted, StringComparison.Ordinal);
        Assert.StartsWith(message[..message.IndexOf('.', StringComparison.Ordinal)], redacted, StringComparison.Ordinal);
    }

    [Fact]
    public void A_message_that_quotes_no_value_is_unchanged()
    {
        const string foreignKey = "The INSERT statement conflicted with the FOREIGN KEY constraint \"FK_Members_Households_HouseholdId\". " +
            "The conflict occurred in database \"xichou_monitoring\", table \"dbo.Households\", column 'Id'.";

        Assert.Equal(foreignKey, DatabaseErrors.Redact(foreignKey));
    }

    [Theory]
    [InlineData(2601, DuplicateOnIndex, "IX_Households_HeadIdNumber")]
    [InlineData(2627, DuplicateOnKey, "PK_Members")]
    [InlineData(2627, DuplicateOnUniqueKey, "AK_Members_IdNumber")]
    [InlineData(2628, Truncated, null)]
    [InlineData(547, "The INSERT statement conflicted with the FOREIGN KEY constraint \"FK_x\".", null)]
    public void The_index_is_read_from_a_duplicate_key_error(int number, string message, string? index) =>
        Assert.Equal(index, DatabaseErrors.SqlServerDuplicateIndex(number, message));
}
