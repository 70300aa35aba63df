using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Xichou.Housing.Infrastructure.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class DepartmentKit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DetailsAsOf",
                table: "Households",
                type: "datetimeoffset",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<int>(
                name: "MemberCount",
                table: "Households",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "MembersAsOf",
                table: "Households",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Status",
                table: "Households",
                type: "nvarchar(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "Monitored");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "StatusAsOf",
                table: "Households",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "StatusOn",
                table: "Households",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "StatusReason",
                table: "Households",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Members",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    HouseholdId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    Relation = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: true),
                    Sex = table.Column<string>(type: "nvarchar(8)", maxLength: 8, nullable: true),
                    BirthDate = table.Column<DateOnly>(type: "date", nullable: true),
                    IdNumber = table.Column<string>(type: "nvarchar(18)", maxLength: 18, nullable: true),
                    LabourCapacity = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: true),
                    SchoolStage = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: true),
                    HealthState = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Members", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Members_Households_HouseholdId",
                        column: x => x.HouseholdId,
                        principalTable: "Households",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Referrals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    HouseholdId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    HouseholdCode = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: true),
                    TownshipCode = table.Column<string>(type: "nvarchar(12)", maxLength: 12, nullable: false),
                    VillageCode = table.Column<string>(type: "nvarchar(12)", maxLength: 12, nullable: true),
                    Village = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    FromService = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    ToDepartment = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    RiskId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Request = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    RequestedBy = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    RequestedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Escalation = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    EscalatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    Revision = table.Column<int>(type: "int", nullable: false),
                    AcceptedBy = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    AcceptedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    Outcome = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    AmountYuan = table.Column<decimal>(type: "decimal(12,2)", precision: 12, scale: 2, nullable: true),
                    RejectReason = table.Column<string>(type: "nvarchar(24)", maxLength: 24, nullable: true),
                    Note = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    ClosedBy = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    ClosedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Referrals", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Members_HouseholdId",
                table: "Members",
                column: "HouseholdId");

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_FromService_Status",
                table: "Referrals",
                columns: new[] { "FromService", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_HouseholdId",
                table: "Referrals",
                column: "HouseholdId");

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_RiskId",
                table: "Referrals",
                column: "RiskId",
                filter: "[RiskId] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_ToDepartment_Status_DueOn",
                table: "Referrals",
                columns: new[] { "ToDepartment", "Status", "DueOn" });

            // The copy no longer holds the head's full ID number (data minimisation): mask what earlier versions stored.
            migrationBuilder.Sql("UPDATE [Households] SET [HeadIdNumber] = LEFT([HeadIdNumber], 6) + '********' + SUBSTRING([HeadIdNumber], 15, 4) WHERE LEN([HeadIdNumber]) = 18 AND CHARINDEX('*', [HeadIdNumber]) = 0;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Members");

            migrationBuilder.DropTable(
                name: "Referrals");

            migrationBuilder.DropColumn(
                name: "DetailsAsOf",
                table: "Households");

            migrationBuilder.DropColumn(
                name: "MemberCount",
                table: "Households");

            migrationBuilder.DropColumn(
                name: "MembersAsOf",
                table: "Households");

            migrationBuilder.DropColumn(
                name: "Status",
                table: "Households");

            migrationBuilder.DropColumn(
                name: "StatusAsOf",
                table: "Households");

            migrationBuilder.DropColumn(
                name: "StatusOn",
                table: "Households");

            migrationBuilder.DropColumn(
                name: "StatusReason",
                table: "Households");
        }
    }
}
