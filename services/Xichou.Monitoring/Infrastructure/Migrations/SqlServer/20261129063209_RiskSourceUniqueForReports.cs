using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Xichou.Monitoring.Infrastructure.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class RiskSourceUniqueForReports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Risks_Source_SourceId",
                table: "Risks");

            migrationBuilder.CreateIndex(
                name: "IX_Risks_Source_SourceId",
                table: "Risks",
                columns: new[] { "Source", "SourceId" },
                unique: true,
                filter: "[SourceId] IS NOT NULL AND [Source] IN ('Department', 'Hotline')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Risks_Source_SourceId",
                table: "Risks");

            migrationBuilder.CreateIndex(
                name: "IX_Risks_Source_SourceId",
                table: "Risks",
                columns: new[] { "Source", "SourceId" },
                unique: true,
                filter: "[SourceId] IS NOT NULL");
        }
    }
}
