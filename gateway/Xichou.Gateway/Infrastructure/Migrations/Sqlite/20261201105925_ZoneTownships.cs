using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Xichou.Gateway.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ZoneTownships : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
