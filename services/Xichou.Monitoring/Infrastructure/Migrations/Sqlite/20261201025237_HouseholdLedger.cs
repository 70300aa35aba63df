using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Xichou.Monitoring.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class HouseholdLedger : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "HouseholdPayments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    HouseholdId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MemberId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Department = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Measure = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 48, nullable: false),
                    KindName = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    AmountYuan = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false),
                    PaidOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Voucher = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    CapName = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    CapYuan = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: true),
                    HeadroomAfterYuan = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: true),
                    PolicyVersion = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PaidAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HouseholdPayments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HouseholdPayments_Households_HouseholdId",
                        column: x => x.HouseholdId,
                        principalTable: "Households",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_HouseholdPayments_HouseholdId_Year",
                table: "HouseholdPayments",
                columns: new[] { "HouseholdId", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_HouseholdPayments_Year",
                table: "HouseholdPayments",
                column: "Year");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "HouseholdPayments");
        }
    }
}
