using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Xichou.ServiceDefaults.Data;

/// <summary>
/// Lets <c>dotnet ef</c> build a provider context offline: a service derives one small factory per
/// provider subclass, and migrations are generated without a running host or database.
/// </summary>
public abstract class SqliteDesignTimeFactory<TContext> : IDesignTimeDbContextFactory<TContext> where TContext : DbContext
{
    public TContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<TContext>().UseSqlite("Data Source=design-time.db").Options;
        return (TContext)Activator.CreateInstance(typeof(TContext), options)!;
    }
}

public abstract class SqlServerDesignTimeFactory<TContext> : IDesignTimeDbContextFactory<TContext> where TContext : DbContext
{
    public TContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<TContext>().UseSqlServer("Server=design-time;Database=design-time").Options;
        return (TContext)Activator.CreateInstance(typeof(TContext), options)!;
    }
}
