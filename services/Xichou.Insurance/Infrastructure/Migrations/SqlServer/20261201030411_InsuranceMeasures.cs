using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Xichou.Insurance.Infrastructure.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class InsuranceMeasures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CoverageFindings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    HouseholdId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Year = table.Column<int>(type: "int", nullable: false),
                    Description = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    OpenedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    ClearedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    ClearedBy = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CoverageFindings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CoverageFindings_Households_HouseholdId",
                        column: x => x.HouseholdId,
                        principalTable: "Households",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "HospitalSubsidies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    HouseholdId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    MemberId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Year = table.Column<int>(type: "int", nullable: false),
                    BillDate = table.Column<DateOnly>(type: "date", nullable: false),
                    Hospital = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    TotalYuan = table.Column<decimal>(type: "decimal(12,2)", precision: 12, scale: 2, nullable: false),
                    SelfPaidYuan = table.Column<decimal>(type: "decimal(12,2)", precision: 12, scale: 2, nullable: false),
                    SubsidyYuan = table.Column<decimal>(type: "decimal(12,2)", precision: 12, scale: 2, nullable: false),
                    GrantedBeforeYuan = table.Column<decimal>(type: "decimal(12,2)", precision: 12, scale: 2, nullable: false),
                    RemainingAfterYuan = table.Column<decimal>(type: "decimal(12,2)", precision: 12, scale: 2, nullable: false),
                    PolicyVersion = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    RecordedBy = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HospitalSubsidies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HospitalSubsidies_Households_HouseholdId",
                        column: x => x.HouseholdId,
                        principalTable: "Households",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "HospitalSubsidyYears",
                columns: table => new
                {
                    MemberId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Year = table.Column<int>(type: "int", nullable: false),
                    HouseholdId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    GrantedYuan = table.Column<decimal>(type: "decimal(12,2)", precision: 12, scale: 2, nullable: false),
                    Bills = table.Column<int>(type: "int", nullable: false),
                    Revision = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HospitalSubsidyYears", x => new { x.MemberId, x.Year });
                });

            migrationBuilder.CreateTable(
                name: "MedicalEnrolments",
                columns: table => new
                {
                    MemberId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Year = table.Column<int>(type: "int", nullable: false),
                    HouseholdId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    BasicMedical = table.Column<bool>(type: "bit", nullable: false),
                    CriticalIllness = table.Column<bool>(type: "bit", nullable: false),
                    Note = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    RecordedBy = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MedicalEnrolments", x => new { x.MemberId, x.Year });
                });

            migrationBuilder.CreateTable(
                name: "OtherSupportPayments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    HouseholdId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    AmountYuan = table.Column<decimal>(type: "decimal(12,2)", precision: 12, scale: 2, nullable: false),
                    PaidOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Voucher = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    RecordedBy = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OtherSupportPayments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OtherSupportPayments_Households_HouseholdId",
                        column: x => x.HouseholdId,
                        principalTable: "Households",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PovertyInsuranceEnrolments",
                columns: table => new
                {
                    HouseholdId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Year = table.Column<int>(type: "int", nullable: false),
                    EnrolledOn = table.Column<DateOnly>(type: "date", nullable: false),
                    PairingUnit = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    PairingUnitShareYuan = table.Column<decimal>(type: "decimal(12,2)", precision: 12, scale: 2, nullable: false),
                    CountyShareYuan = table.Column<decimal>(type: "decimal(12,2)", precision: 12, scale: 2, nullable: false),
                    RecordedBy = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PovertyInsuranceEnrolments", x => new { x.HouseholdId, x.Year });
                    table.ForeignKey(
                        name: "FK_PovertyInsuranceEnrolments_Households_HouseholdId",
                        column: x => x.HouseholdId,
                        principalTable: "Households",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PreventionClaims",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    HouseholdId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(24)", maxLength: 24, nullable: false),
                    Status = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Description = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    SourceFindingId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    SourceDepartment = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: true),
                    ReportedBy = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    ReportedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    AssessedYuan = table.Column<decimal>(type: "decimal(12,2)", precision: 12, scale: 2, nullable: true),
                    AssessmentNote = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    AssessedBy = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    AssessedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    PaidOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Voucher = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    PaidBy = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    RefusalReason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    RefusedBy = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    Revision = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PreventionClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PreventionClaims_Households_HouseholdId",
                        column: x => x.HouseholdId,
                        principalTable: "Households",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CoverageFindings_OneOpenPerHouseholdYear",
                table: "CoverageFindings",
                columns: new[] { "HouseholdId", "Year" },
                unique: true,
                filter: "[ClearedAt] IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_HospitalSubsidies_HouseholdId",
                table: "HospitalSubsidies",
                column: "HouseholdId");

            migrationBuilder.CreateIndex(
                name: "IX_HospitalSubsidies_MemberId_Year",
                table: "HospitalSubsidies",
                columns: new[] { "MemberId", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_HospitalSubsidyYears_HouseholdId",
                table: "HospitalSubsidyYears",
                column: "HouseholdId");

            migrationBuilder.CreateIndex(
                name: "IX_MedicalEnrolments_HouseholdId_Year",
                table: "MedicalEnrolments",
                columns: new[] { "HouseholdId", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_OtherSupportPayments_HouseholdId",
                table: "OtherSupportPayments",
                column: "HouseholdId");

            migrationBuilder.CreateIndex(
                name: "IX_PreventionClaims_HouseholdId",
                table: "PreventionClaims",
                column: "HouseholdId");

            migrationBuilder.CreateIndex(
                name: "IX_PreventionClaims_SourceFindingId",
                table: "PreventionClaims",
                column: "SourceFindingId",
                unique: true,
                filter: "[SourceFindingId] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_PreventionClaims_Status",
                table: "PreventionClaims",
                column: "Status");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CoverageFindings");

            migrationBuilder.DropTable(
                name: "HospitalSubsidies");

            migrationBuilder.DropTable(
                name: "HospitalSubsidyYears");

            migrationBuilder.DropTable(
                name: "MedicalEnrolments");

            migrationBuilder.DropTable(
                name: "OtherSupportPayments");

            migrationBuilder.DropTable(
                name: "PovertyInsuranceEnrolments");

            migrationBuilder.DropTable(
                name: "PreventionClaims");
        }
    }
}
