using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Xichou.Monitoring.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DepartmentKit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Referrals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    HouseholdId = table.Column<Guid>(type: "TEXT", nullable: false),
                    HouseholdCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    TownshipCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    VillageCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: true),
                    Village = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    FromService = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ToDepartment = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    RiskId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Request = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    RequestedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RequestedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Escalation = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    EscalatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    AcceptedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    AcceptedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    AmountYuan = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: true),
                    RejectReason = table.Column<string>(type: "TEXT", maxLength: 24, nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ClosedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ClosedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Referrals", x => x.Id);
                });

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
                filter: "\"RiskId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_ToDepartment_Status_DueOn",
                table: "Referrals",
                columns: new[] { "ToDepartment", "Status", "DueOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Referrals");
        }
    }
}
