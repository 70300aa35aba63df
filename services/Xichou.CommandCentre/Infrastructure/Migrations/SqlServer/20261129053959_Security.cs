using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Xichou.CommandCentre.Infrastructure.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Security : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Households_TownshipCode_Village",
                table: "Households");

            migrationBuilder.AddColumn<string>(
                name: "PairedCadre",
                table: "Households",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SurveyNote",
                table: "Households",
                type: "nvarchar(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SurveyStatus",
                table: "Households",
                type: "nvarchar(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "SurveyedAt",
                table: "Households",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SurveyedBy",
                table: "Households",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VillageCode",
                table: "Households",
                type: "nvarchar(12)",
                maxLength: 12,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AuditLog",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    At = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UserName = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Roles = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    Action = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    HouseholdId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Field = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: true),
                    Reason = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    Details = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    TraceId = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditLog", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Households_TownshipCode_VillageCode",
                table: "Households",
                columns: new[] { "TownshipCode", "VillageCode" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditLog_At",
                table: "AuditLog",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_AuditLog_HouseholdId",
                table: "AuditLog",
                column: "HouseholdId");

            migrationBuilder.CreateIndex(
                name: "IX_AuditLog_UserName_At",
                table: "AuditLog",
                columns: new[] { "UserName", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AuditLog");

            migrationBuilder.DropIndex(
                name: "IX_Households_TownshipCode_VillageCode",
                table: "Households");

            migrationBuilder.DropColumn(
                name: "PairedCadre",
                table: "Households");

            migrationBuilder.DropColumn(
                name: "SurveyNote",
                table: "Households");

            migrationBuilder.DropColumn(
                name: "SurveyStatus",
                table: "Households");

            migrationBuilder.DropColumn(
                name: "SurveyedAt",
                table: "Households");

            migrationBuilder.DropColumn(
                name: "SurveyedBy",
                table: "Households");

            migrationBuilder.DropColumn(
                name: "VillageCode",
                table: "Households");

            migrationBuilder.CreateIndex(
                name: "IX_Households_TownshipCode_Village",
                table: "Households",
                columns: new[] { "TownshipCode", "Village" });
        }
    }
}
