using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Xichou.Monitoring.Infrastructure.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class HotlineInclusionAndMonthlyFilings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AnalysisFilings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Month = table.Column<string>(type: "nvarchar(7)", maxLength: 7, nullable: false),
                    Level = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    UnitCode = table.Column<string>(type: "nvarchar(12)", maxLength: 12, nullable: false),
                    TownshipCode = table.Column<string>(type: "nvarchar(12)", maxLength: 12, nullable: false),
                    Decisions = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    FiledBy = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    FiledAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    Households = table.Column<int>(type: "int", nullable: false),
                    OpenRisks = table.Column<int>(type: "int", nullable: false),
                    OverdueVisits = table.Column<int>(type: "int", nullable: false),
                    HouseholdsWithoutVisit = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AnalysisFilings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "InclusionChecks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TownshipCode = table.Column<string>(type: "nvarchar(12)", maxLength: 12, nullable: false),
                    VillageCode = table.Column<string>(type: "nvarchar(12)", maxLength: 12, nullable: false),
                    PersonName = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    Content = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    CallerPhone = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: true),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    RecordedBy = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Decision = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    DecidedBy = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InclusionChecks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TownshipReminders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Month = table.Column<string>(type: "nvarchar(7)", maxLength: 7, nullable: false),
                    TownshipCode = table.Column<string>(type: "nvarchar(12)", maxLength: 12, nullable: false),
                    Message = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    Unfiled = table.Column<int>(type: "int", nullable: false),
                    SentBy = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    SentAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TownshipReminders", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AnalysisFilings_Month_Level_UnitCode",
                table: "AnalysisFilings",
                columns: new[] { "Month", "Level", "UnitCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AnalysisFilings_Month_TownshipCode",
                table: "AnalysisFilings",
                columns: new[] { "Month", "TownshipCode" });

            migrationBuilder.CreateIndex(
                name: "IX_InclusionChecks_Decision",
                table: "InclusionChecks",
                column: "Decision");

            migrationBuilder.CreateIndex(
                name: "IX_InclusionChecks_TownshipCode_VillageCode",
                table: "InclusionChecks",
                columns: new[] { "TownshipCode", "VillageCode" });

            migrationBuilder.CreateIndex(
                name: "IX_TownshipReminders_TownshipCode_Month",
                table: "TownshipReminders",
                columns: new[] { "TownshipCode", "Month" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AnalysisFilings");

            migrationBuilder.DropTable(
                name: "InclusionChecks");

            migrationBuilder.DropTable(
                name: "TownshipReminders");
        }
    }
}
