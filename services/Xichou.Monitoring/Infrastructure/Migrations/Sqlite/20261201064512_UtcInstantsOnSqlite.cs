using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Xichou.Monitoring.Infrastructure.Migrations.Sqlite
{
    /// <summary>
    /// From now on the SQLite context writes every DateTimeOffset as UTC text (UtcInstantText), so that lists order in SQL;
    /// this rewrites the values stored before in another offset (the demo county wrote Beijing time, a referral's deadline
    /// is Beijing midnight) as the same instant in UTC, in EF's format, the fraction kept. No column changes: the TEXT stays.
    /// </summary>
    public partial class UtcInstantsOnSqlite : Migration
    {
        /// <summary>Every DateTimeOffset column of the monitoring database when this migration was made, by table.</summary>
        public static readonly IReadOnlyDictionary<string, string[]> Columns = new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            ["AnalysisFilings"] = ["FiledAt"],
            ["Complaints"] = ["ReceivedAt"],
            ["HouseholdPayments"] = ["PaidAt", "ReceivedAt"],
            ["Households"] = ["RegisteredAt"],
            ["InboxMessages"] = ["ProcessedAt"],
            ["InclusionChecks"] = ["DecidedAt", "ReceivedAt"],
            ["Loans"] = ["RecordedAt", "StatusChangedAt"],
            ["OutboxMessages"] = ["CreatedAt", "ParkedAt", "SentAt"],
            ["Referrals"] = ["AcceptedAt", "ClosedAt", "EscalatedAt", "RequestedAt"],
            ["RiskEscalations"] = ["At"],
            ["RiskMeasures"] = ["At"],
            ["Risks"] = ["ClosedAt", "LevelSince", "OpenedAt"],
            ["TownshipReminders"] = ["SentAt"],
            ["Visits"] = ["RecordedAt"],
        };

        /// <summary>
        /// A column's values not in UTC rewritten in UTC: SQLite's datetime() reads the "+08:00" suffix and gives UTC to the
        /// second; the fraction between the seconds and the offset is kept as it was.
        /// </summary>
        public static string ToUtcSql(string table, string column) =>
            $"UPDATE \"{table}\" SET \"{column}\" = datetime(substr(\"{column}\", 1, 19) || substr(\"{column}\", -6)) "
            + $"|| substr(\"{column}\", 20, length(\"{column}\") - 25) || '+00:00' "
            + $"WHERE \"{column}\" IS NOT NULL AND substr(\"{column}\", -6) <> '+00:00';";

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var (table, columns) in Columns)
            {
                foreach (var column in columns)
                {
                    migrationBuilder.Sql(ToUtcSql(table, column));
                }
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // UTC text is what the earlier model read too: nothing to undo.
        }
    }
}
