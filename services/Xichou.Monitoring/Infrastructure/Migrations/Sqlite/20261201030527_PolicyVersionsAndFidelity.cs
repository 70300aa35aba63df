using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Xichou.Monitoring.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PolicyVersionsAndFidelity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "IncomeDropCause",
                table: "Visits",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PolicyVersion",
                table: "Visits",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "PolicyVersion",
                table: "Risks",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Resolution",
                table: "Risks",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            // What was recorded before versions were kept was judged by the one version there was: the 2021 measures by default.
            migrationBuilder.Sql("UPDATE \"Visits\" SET \"PolicyVersion\" = '西开组发〔2021〕2号';");
            migrationBuilder.Sql("UPDATE \"Risks\" SET \"PolicyVersion\" = '西开组发〔2021〕2号' WHERE \"Source\" <> 'Hotline';");
            // Only the monitoring team's visits keep the half-month cycle: a cadre's 回头看 no longer counts for it.
            migrationBuilder.Sql("UPDATE \"Households\" SET \"LastVisitOn\" = (SELECT MAX(v.\"VisitedOn\") FROM \"Visits\" v WHERE v.\"HouseholdId\" = \"Households\".\"Id\" AND v.\"Kind\" <> 'Cadre');");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "IncomeDropCause",
                table: "Visits");

            migrationBuilder.DropColumn(
                name: "PolicyVersion",
                table: "Visits");

            migrationBuilder.DropColumn(
                name: "PolicyVersion",
                table: "Risks");

            migrationBuilder.DropColumn(
                name: "Resolution",
                table: "Risks");
        }
    }
}
