using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Xichou.CommandCentre.Infrastructure.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class CommandCentreOverview : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "FeedEvents",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    MessageId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Source = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Type = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Body = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    HouseholdId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OccurredAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FeedEvents", x => x.Sequence);
                });

            migrationBuilder.CreateTable(
                name: "OverviewEscalations",
                columns: table => new
                {
                    MessageId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RiskId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    HouseholdId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TownshipCode = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    VillageKey = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    FromLevel = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    ToLevel = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Automatic = table.Column<bool>(type: "bit", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OverviewEscalations", x => x.MessageId);
                });

            migrationBuilder.CreateTable(
                name: "OverviewHouseholds",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    HouseholdCode = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    TownshipCode = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    VillageKey = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Village = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    HeadName = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    HeadIdNumber = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Status = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: true),
                    RegisteredAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    DetailsAsOf = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    StatusAsOf = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    LastCycleVisitOn = table.Column<DateOnly>(type: "date", nullable: true),
                    CycleDays = table.Column<int>(type: "int", nullable: true),
                    LastVisitOn = table.Column<DateOnly>(type: "date", nullable: true),
                    CadreId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    CadreName = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    PairingAsOf = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OverviewHouseholds", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OverviewMeasureFacts",
                columns: table => new
                {
                    HouseholdId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Measure = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Department = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Met = table.Column<bool>(type: "bit", nullable: false),
                    AsOf = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OverviewMeasureFacts", x => new { x.HouseholdId, x.Measure });
                });

            migrationBuilder.CreateTable(
                name: "OverviewPayments",
                columns: table => new
                {
                    PaymentId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    HouseholdId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TownshipCode = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    VillageKey = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Department = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Measure = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    KindName = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    AmountYuan = table.Column<decimal>(type: "decimal(18,2)", precision: 18, scale: 2, nullable: false),
                    PaidOn = table.Column<DateOnly>(type: "date", nullable: false),
                    CapName = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    CapYuan = table.Column<decimal>(type: "decimal(18,2)", precision: 18, scale: 2, nullable: true),
                    HeadroomAfterYuan = table.Column<decimal>(type: "decimal(18,2)", precision: 18, scale: 2, nullable: true),
                    OccurredAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OverviewPayments", x => x.PaymentId);
                });

            migrationBuilder.CreateTable(
                name: "OverviewReferrals",
                columns: table => new
                {
                    ReferralId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    HouseholdId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TownshipCode = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    VillageKey = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    FromService = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Department = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    RiskId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Status = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    RequestedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    AcceptedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    DeliveredAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    ClosedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    Escalation = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    EscalatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    AsOf = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OverviewReferrals", x => x.ReferralId);
                });

            migrationBuilder.CreateTable(
                name: "OverviewRisks",
                columns: table => new
                {
                    RiskId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    FindingId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Provisional = table.Column<bool>(type: "bit", nullable: false),
                    HouseholdId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TownshipCode = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    VillageKey = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Source = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Department = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    Category = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Severity = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Level = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    EscalationDueOn = table.Column<DateOnly>(type: "date", nullable: true),
                    OpenedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    ClosedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    ClosedHow = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OverviewRisks", x => x.RiskId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_FeedEvents_MessageId",
                table: "FeedEvents",
                column: "MessageId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OverviewHouseholds_TownshipCode_VillageKey",
                table: "OverviewHouseholds",
                columns: new[] { "TownshipCode", "VillageKey" });

            migrationBuilder.CreateIndex(
                name: "IX_OverviewReferrals_RiskId",
                table: "OverviewReferrals",
                column: "RiskId");

            migrationBuilder.CreateIndex(
                name: "IX_OverviewRisks_FindingId",
                table: "OverviewRisks",
                column: "FindingId");

            migrationBuilder.CreateIndex(
                name: "IX_OverviewRisks_HouseholdId",
                table: "OverviewRisks",
                column: "HouseholdId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FeedEvents");

            migrationBuilder.DropTable(
                name: "OverviewEscalations");

            migrationBuilder.DropTable(
                name: "OverviewHouseholds");

            migrationBuilder.DropTable(
                name: "OverviewMeasureFacts");

            migrationBuilder.DropTable(
                name: "OverviewPayments");

            migrationBuilder.DropTable(
                name: "OverviewReferrals");

            migrationBuilder.DropTable(
                name: "OverviewRisks");
        }
    }
}
