using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Xichou.CommandCentre.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OverviewHouseholdIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_OverviewReferrals_HouseholdId",
                table: "OverviewReferrals",
                column: "HouseholdId");

            migrationBuilder.CreateIndex(
                name: "IX_OverviewPayments_HouseholdId",
                table: "OverviewPayments",
                column: "HouseholdId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_OverviewReferrals_HouseholdId",
                table: "OverviewReferrals");

            migrationBuilder.DropIndex(
                name: "IX_OverviewPayments_HouseholdId",
                table: "OverviewPayments");
        }
    }
}
