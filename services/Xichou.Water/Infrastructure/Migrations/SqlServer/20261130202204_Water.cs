using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Xichou.Water.Infrastructure.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Water : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Remediations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Measure = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    ResponsiblePerson = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    SupplyPoint = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    Status = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    OpenedBy = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    OpenedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    RecheckedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    CompletedBy = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    CompletedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    Revision = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Remediations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RemediationHouseholds",
                columns: table => new
                {
                    RemediationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    HouseholdId = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RemediationHouseholds", x => new { x.RemediationId, x.HouseholdId });
                    table.ForeignKey(
                        name: "FK_RemediationHouseholds_Households_HouseholdId",
                        column: x => x.HouseholdId,
                        principalTable: "Households",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RemediationHouseholds_Remediations_RemediationId",
                        column: x => x.RemediationId,
                        principalTable: "Remediations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "WaterChecks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    HouseholdId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CheckedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    LitresPerPersonPerDay = table.Column<decimal>(type: "decimal(9,2)", precision: 9, scale: 2, nullable: false),
                    QualityMeetsStandard = table.Column<bool>(type: "bit", nullable: false),
                    FailingItem = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    PipedToHome = table.Column<bool>(type: "bit", nullable: false),
                    FetchMinutes = table.Column<int>(type: "int", nullable: true),
                    HorizontalMetres = table.Column<decimal>(type: "decimal(9,2)", precision: 9, scale: 2, nullable: true),
                    VerticalMetres = table.Column<decimal>(type: "decimal(9,2)", precision: 9, scale: 2, nullable: true),
                    DaysWithoutSupply = table.Column<int>(type: "int", nullable: false),
                    MinLitresPerPersonPerDay = table.Column<decimal>(type: "decimal(9,2)", precision: 9, scale: 2, nullable: false),
                    WaterScarce = table.Column<bool>(type: "bit", nullable: false),
                    Safe = table.Column<bool>(type: "bit", nullable: false),
                    RemediationId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    FindingId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    RecordedBy = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WaterChecks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WaterChecks_Households_HouseholdId",
                        column: x => x.HouseholdId,
                        principalTable: "Households",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_WaterChecks_Remediations_RemediationId",
                        column: x => x.RemediationId,
                        principalTable: "Remediations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "WaterCheckFailures",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Indicator = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Explanation = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: false),
                    CheckId = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WaterCheckFailures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WaterCheckFailures_WaterChecks_CheckId",
                        column: x => x.CheckId,
                        principalTable: "WaterChecks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RemediationHouseholds_HouseholdId",
                table: "RemediationHouseholds",
                column: "HouseholdId");

            migrationBuilder.CreateIndex(
                name: "IX_Remediations_Status",
                table: "Remediations",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_WaterCheckFailures_CheckId",
                table: "WaterCheckFailures",
                column: "CheckId");

            migrationBuilder.CreateIndex(
                name: "IX_WaterChecks_HouseholdId_CheckedOn_RecordedAt",
                table: "WaterChecks",
                columns: new[] { "HouseholdId", "CheckedOn", "RecordedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_WaterChecks_RemediationId",
                table: "WaterChecks",
                column: "RemediationId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RemediationHouseholds");

            migrationBuilder.DropTable(
                name: "WaterCheckFailures");

            migrationBuilder.DropTable(
                name: "WaterChecks");

            migrationBuilder.DropTable(
                name: "Remediations");
        }
    }
}
