using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Xichou.Housing.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Housing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "RemediationCases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    HouseholdId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    OpeningAssessmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OpeningGrade = table.Column<string>(type: "TEXT", maxLength: 1, nullable: false),
                    FoundOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    OpenedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    OpenedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Route = table.Column<string>(type: "TEXT", maxLength: 24, nullable: true),
                    ResponsiblePerson = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Plan = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    PlannedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    PlannedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    CompletingAssessmentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    FinalGrade = table.Column<string>(type: "TEXT", maxLength: 1, nullable: true),
                    CompletedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    CompletedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RemediationCases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RemediationCases_Households_HouseholdId",
                        column: x => x.HouseholdId,
                        principalTable: "Households",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Assessments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    HouseholdId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Grade = table.Column<string>(type: "TEXT", maxLength: 1, nullable: false),
                    AssessedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Assessor = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    RemediationCaseId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Assessments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Assessments_Households_HouseholdId",
                        column: x => x.HouseholdId,
                        principalTable: "Households",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Assessments_RemediationCases_RemediationCaseId",
                        column: x => x.RemediationCaseId,
                        principalTable: "RemediationCases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RemediationProgress",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RemediationCaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    On = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RemediationProgress", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RemediationProgress_RemediationCases_RemediationCaseId",
                        column: x => x.RemediationCaseId,
                        principalTable: "RemediationCases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_HouseholdId",
                table: "Assessments",
                column: "HouseholdId");

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_RemediationCaseId",
                table: "Assessments",
                column: "RemediationCaseId");

            migrationBuilder.CreateIndex(
                name: "IX_RemediationCases_HouseholdId",
                table: "RemediationCases",
                column: "HouseholdId");

            migrationBuilder.CreateIndex(
                name: "IX_RemediationCases_OneOpenPerHousehold",
                table: "RemediationCases",
                column: "HouseholdId",
                unique: true,
                filter: "\"Status\" = 'Open'");

            migrationBuilder.CreateIndex(
                name: "IX_RemediationCases_Status_FoundOn",
                table: "RemediationCases",
                columns: new[] { "Status", "FoundOn" });

            migrationBuilder.CreateIndex(
                name: "IX_RemediationProgress_RemediationCaseId",
                table: "RemediationProgress",
                column: "RemediationCaseId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Assessments");

            migrationBuilder.DropTable(
                name: "RemediationProgress");

            migrationBuilder.DropTable(
                name: "RemediationCases");
        }
    }
}
