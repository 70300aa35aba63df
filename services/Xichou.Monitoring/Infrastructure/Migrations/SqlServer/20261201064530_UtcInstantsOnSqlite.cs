using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Xichou.Monitoring.Infrastructure.Migrations.SqlServer
{
    /// <summary>SQL Server keeps datetimeoffset natively and orders it as instants: nothing to convert (the SQLite set rewrites its text in UTC).</summary>
    public partial class UtcInstantsOnSqlite : Migration
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
