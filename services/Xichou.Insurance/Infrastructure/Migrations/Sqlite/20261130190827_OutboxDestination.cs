using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Xichou.Insurance.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OutboxDestination : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Destination",
                table: "OutboxMessages",
                type: "TEXT",
                maxLength: 128,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Destination",
                table: "OutboxMessages");
        }
    }
}
