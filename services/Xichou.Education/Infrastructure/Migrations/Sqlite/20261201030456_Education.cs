using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Xichou.Education.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Education : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "EducationSubsidies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    StudentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    HouseholdId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Period = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Stage = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    AmountYuan = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    GrantedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    GrantedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    GrantedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    PolicyVersion = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EducationSubsidies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EducationSubsidies_Households_HouseholdId",
                        column: x => x.HouseholdId,
                        principalTable: "Households",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Students",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    HouseholdId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Stage = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    School = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Grade = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    SurveyedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    SurveyedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SurveyedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    DropoutFindingId = table.Column<Guid>(type: "TEXT", nullable: true),
                    DropoutSince = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Students", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Students_Households_HouseholdId",
                        column: x => x.HouseholdId,
                        principalTable: "Households",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_EducationSubsidies_HouseholdId",
                table: "EducationSubsidies",
                column: "HouseholdId");

            migrationBuilder.CreateIndex(
                name: "IX_EducationSubsidies_Period_HouseholdId",
                table: "EducationSubsidies",
                columns: new[] { "Period", "HouseholdId" });

            migrationBuilder.CreateIndex(
                name: "IX_EducationSubsidies_StudentId_Period",
                table: "EducationSubsidies",
                columns: new[] { "StudentId", "Period" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Students_DropoutFindingId",
                table: "Students",
                column: "DropoutFindingId");

            migrationBuilder.CreateIndex(
                name: "IX_Students_HouseholdId",
                table: "Students",
                column: "HouseholdId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EducationSubsidies");

            migrationBuilder.DropTable(
                name: "Students");
        }
    }
}
