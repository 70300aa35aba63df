using System.Globalization;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Xichou.Monitoring.Infrastructure;

/// <summary>
/// SQLite keeps a DateTimeOffset as TEXT (<c>2026-12-01 06:35:38.1234567+00:00</c>), which EF will neither order nor
/// compare. Written always in UTC, in the provider's own format, the text orders as the instants do (the same offset
/// everywhere, and a shorter fraction ends in '+', which sorts before any digit), so the SQLite context maps every
/// DateTimeOffset through this converter and lists order in SQL. Values stored before (the demo county wrote Beijing
/// time) are rewritten in UTC by the UtcInstantsOnSqlite migration; reading parses any offset.
/// </summary>
public sealed class UtcInstantText() : ValueConverter<DateTimeOffset, string>(
    value => value.ToUniversalTime().ToString(Format, CultureInfo.InvariantCulture),
    text => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.None))
{
    /// <summary>EF's SQLite format for DateTimeOffset, so existing UTC values read and write unchanged.</summary>
    public const string Format = @"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFFzzz";

}
