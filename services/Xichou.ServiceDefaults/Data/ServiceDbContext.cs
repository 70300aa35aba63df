using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Xichou.ServiceDefaults.Auditing;
using Xichou.ServiceDefaults.Messaging;

namespace Xichou.ServiceDefaults.Data;

/// <summary>
/// The base of every service's DbContext: it owns the service's outbox and inbox tables, so an
/// integration event or a consumed message id is saved in the same transaction as the business change,
/// and it lets one writer at a time into the database.
/// </summary>
public abstract class ServiceDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();

    /// <summary>The service's audit log: every write, reveal and export of personal data.</summary>
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();

    /// <summary>Adds an audit line, saved with the rest of this context's changes.</summary>
    public void Audit(AuditEntry entry) => AuditLog.Add(entry);

    /// <summary>
    /// Queues an integration event to be published once this context's changes are committed. The event continues
    /// the trace <paramref name="traceParent"/> (W3C), by default the current activity's.
    /// </summary>
    public void AddIntegrationEvent<TEvent>(TEvent integrationEvent, string? traceParent = null) where TEvent : class =>
        OutboxMessages.Add(OutboxMessage.From(integrationEvent, traceParent));

    /// <summary>
    /// Queues an integration event for one service alone, sent to its queue <paramref name="queue"/> once this context's
    /// changes are committed: for what only that service may receive (data minimisation), never published to all.
    /// </summary>
    public void SendIntegrationEvent<TEvent>(TEvent integrationEvent, string queue, string? traceParent = null) where TEvent : class =>
        OutboxMessages.Add(OutboxMessage.From(integrationEvent, traceParent, queue));

    /// <summary>True while this context holds the write gate for a transaction of its own (<see cref="BeginWriteTransactionAsync"/>).</summary>
    private bool _holdsWriteGate;

    /// <summary>
    /// Begins a transaction that holds the write gate until it is disposed, for a write of several SaveChanges that must be
    /// all or nothing (a prefecture's import). Each SaveChanges inside it passes the gate it already holds; taking the gate
    /// per save instead would let another writer in between saves while SQLite's write lock is still this transaction's,
    /// and that writer would wait on the lock while this one waits on the gate.
    /// </summary>
    public async Task<WriteTransaction> BeginWriteTransactionAsync(CancellationToken cancellationToken)
    {
        var lease = await WriteGate.EnterAsync(cancellationToken);
        try
        {
            var transaction = await Database.BeginTransactionAsync(cancellationToken);
            _holdsWriteGate = true;
            return new WriteTransaction(this, transaction, lease);
        }
        catch
        {
            lease.Dispose();
            throw;
        }
    }

    /// <summary>A transaction holding the write gate: committed by <see cref="CommitAsync"/>, else rolled back when disposed.</summary>
    public sealed class WriteTransaction(ServiceDbContext db, IDbContextTransaction transaction, DatabaseWriteGate.Lease lease) : IAsyncDisposable
    {
        private bool _disposed;

        public async Task CommitAsync(CancellationToken cancellationToken)
        {
            await transaction.CommitAsync(cancellationToken);
            // The saves inside signalled rows the dispatcher could not see yet.
            db.GetService<OutboxSignal>().Notify();
        }

        public async ValueTask DisposeAsync()
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            try
            {
                await transaction.DisposeAsync();
            }
            finally
            {
                db._holdsWriteGate = false;
                lease.Dispose();
            }
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var outboxAdded = HasNewOutboxMessages();
        int saved;
        using (_holdsWriteGate ? default : WriteGate.Enter())
        {
            try
            {
                saved = base.SaveChanges(acceptAllChangesOnSuccess);
            }
            catch (DbUpdateException exception) when (DatabaseErrors.Sanitise(exception, Model) is { } sanitised)
            {
                throw sanitised;
            }
        }
        if (outboxAdded)
        {
            this.GetService<OutboxSignal>().Notify();
        }
        return saved;
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        // Not again by each look at the tracker below, nor by SaveChanges.
        using var detected = DetectChangesOnce();
        var outboxAdded = HasNewOutboxMessages();
        int saved;
        using (_holdsWriteGate ? default : await WriteGate.EnterAsync(cancellationToken))
        {
            try
            {
                saved = _writeRows && PlanRows() is { } rows
                    ? await WriteRowsAsync(rows.Entries, rows.Plan, acceptAllChangesOnSuccess, cancellationToken)
                    : await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            }
            catch (DbUpdateException exception) when (DatabaseErrors.Sanitise(exception, Model) is { } sanitised)
            {
                // Rethrown without the provider's exception, whose message quotes the duplicate value.
                throw sanitised;
            }
        }
        if (outboxAdded)
        {
            this.GetService<OutboxSignal>().Notify();
        }
        return saved;
    }

    /// <summary>
    /// Detects changes now and keeps the tracker from scanning again until disposed, so a save and the events a subclass
    /// reads from the tracker before it cost one scan: with thousands of staged rows (an import) a second costs as much again.
    /// </summary>
    protected DetectedChanges DetectChangesOnce()
    {
        if (!ChangeTracker.AutoDetectChangesEnabled)
        {
            return default;
        }
        ChangeTracker.DetectChanges();
        ChangeTracker.AutoDetectChangesEnabled = false;
        return new DetectedChanges(ChangeTracker);
    }

    /// <summary>Turns automatic detection back on when disposed, if <see cref="DetectChangesOnce"/> turned it off.</summary>
    protected readonly struct DetectedChanges(Microsoft.EntityFrameworkCore.ChangeTracking.ChangeTracker? tracker) : IDisposable
    {
        public void Dispose()
        {
            if (tracker is not null)
            {
                tracker.AutoDetectChangesEnabled = true;
            }
        }
    }

    /// <summary>Set while <see cref="SaveRowsAsync"/> saves: the subclasses' SaveChanges run as ever, the rows are written here.</summary>
    private bool _writeRows;

    /// <summary>
    /// Saves as <see cref="SaveChangesAsync(bool, CancellationToken)"/> does (a subclass's own SaveChanges included, one
    /// transaction, the write gate), but writes the rows through statements prepared once per table (<see cref="RowWriter"/>)
    /// when every change is a plain row; otherwise through SaveChanges. For code that stores many rows of the same few tables
    /// in one save: a department's copy of the register, the register's group commit, the command centre's feed.
    /// </summary>
    public async Task<int> SaveRowsAsync(CancellationToken cancellationToken = default)
    {
        _writeRows = true;
        try
        {
            return await SaveChangesAsync(cancellationToken);
        }
        finally
        {
            _writeRows = false;
        }
    }

    private (List<Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry> Entries, RowWriter.WritePlan Plan)? PlanRows()
    {
        var entries = ChangeTracker.Entries().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted).ToList();
        return entries.Count > 0 && RowWriter.TryPlan(entries, this.GetService<ISqlGenerationHelper>(), returning: Database.IsSqlite()) is { } plan
            ? (entries, plan)
            : null;
    }

    private async Task<int> WriteRowsAsync(
        List<Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry> entries, RowWriter.WritePlan plan, bool acceptAllChangesOnSuccess,
        CancellationToken cancellationToken)
    {
        var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        int written;
        try
        {
            written = await RowWriter.WriteAsync(Database.GetDbConnection(), Database.CurrentTransaction!.GetDbTransaction(), entries, plan,
                this.GetService<ISqlGenerationHelper>(), cancellationToken);
            if (own is not null)
            {
                await own.CommitAsync(cancellationToken);
            }
        }
        catch (System.Data.Common.DbException exception)
        {
            // As SaveChanges reports it: callers retry on DbUpdateException, and the caller above withholds a duplicate's value.
            throw new DbUpdateException("An error occurred while saving the entity changes. See the inner exception for details.", exception, entries);
        }
        finally
        {
            if (own is not null)
            {
                await own.DisposeAsync();
            }
        }
        if (acceptAllChangesOnSuccess)
        {
            ChangeTracker.AcceptAllChanges();
        }
        return written;
    }

    /// <summary>The gate every write to this service's database passes through (see <see cref="DatabaseWriteGate"/>).</summary>
    public DatabaseWriteGate WriteGate => this.GetService<DatabaseWriteGate>();

    private bool HasNewOutboxMessages()
    {
        foreach (var entry in ChangeTracker.Entries<OutboxMessage>())
        {
            if (entry.State == EntityState.Added)
            {
                return true;
            }
        }
        return false;
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OutboxMessage>(outbox =>
        {
            outbox.ToTable("OutboxMessages");
            outbox.HasKey(m => m.Sequence);
            outbox.Property(m => m.Sequence).ValueGeneratedOnAdd();
            outbox.Property(m => m.MessageType).HasMaxLength(256);
            outbox.Property(m => m.TraceParent).HasMaxLength(128);
            outbox.Property(m => m.Destination).HasMaxLength(OutboxMessage.MaxDestinationLength);
            // The dispatcher reads the unsent rows in order. A partial index holds only those, so it stays a few
            // pages however long the table grows, and stamping a row sent removes it instead of moving it.
            outbox.HasIndex(m => new { m.SentAt, m.Sequence })
                .HasDatabaseName("IX_OutboxMessages_Unsent")
                .HasFilter(Database.IsSqlServer() ? "[SentAt] IS NULL" : "\"SentAt\" IS NULL");
        });
        modelBuilder.ApplyConfiguration(new AuditEntryConfiguration());
        modelBuilder.Entity<InboxMessage>(inbox =>
        {
            inbox.ToTable("InboxMessages");
            inbox.HasKey(m => new { m.MessageId, m.Consumer });
            inbox.Property(m => m.Consumer).HasMaxLength(128);
        });
    }
}
