using MassTransit;
using Microsoft.EntityFrameworkCore;
using Xichou.Contracts;
using Xichou.Monitoring.Infrastructure;
using Xichou.Monitoring.Model;
using Xichou.ServiceDefaults.Http;
using Xichou.ServiceDefaults.Messaging;

namespace Xichou.Monitoring.Consumers;

/// <summary>
/// Answers a department's resync (a new database, a restored backup): one <see cref="HouseholdSnapshot"/> per household on
/// the register, sent to that department's own queue alone, with the members its share selects. The register is read a
/// page at a time and each page's snapshots are saved to the outbox together. The request is marked done (the inbox) with
/// the last page, so a crash part-way answers it again from the start: a department applies a snapshot it already has
/// as an update, never a second household.
/// </summary>
public sealed partial class HouseholdResyncConsumer(MonitoringDbContext db, TimeProvider time, ILogger<HouseholdResyncConsumer> logger)
    : IConsumer<HouseholdResyncRequested>
{
    public const string InboxName = "household-resync";
    public const string QueueName = "monitoring-household-resync";
    public const int PageSize = 500;

    public async Task Consume(ConsumeContext<HouseholdResyncRequested> context)
    {
        var request = context.Message;
        var ct = context.CancellationToken;
        var messageId = context.MessageId ?? throw new InvalidOperationException("A resync request arrived without a message id.");
        if (await db.InboxMessages.AnyAsync(m => m.Consumer == InboxName && m.MessageId == messageId, ct))
        {
            return;
        }
        var department = Departments.Find(request.Department);
        if (department is null || department == Departments.Monitoring)
        {
            LogUnknownDepartment(request.Department, request.RequestId);
            await db.ClaimAsync(InboxName, context, time.GetUtcNow(), ct);
            await db.SaveChangesAsync(ct);
            return;
        }

        var now = time.GetUtcNow();
        var today = Beijing.DateOf(now);
        var sent = 0;
        string? after = null;
        while (true)
        {
            var query = db.Households.AsNoTracking().Include(h => h.Members).AsSplitQuery();
            if (after is not null)
            {
                query = query.Where(h => string.Compare(h.Code, after) > 0);
            }
            var page = await query.OrderBy(h => h.Code).Take(PageSize).ToListAsync(ct);
            foreach (var household in page)
            {
                db.SendIntegrationEvent(Snapshot(household, request, department, today, now), department.MembersQueue);
            }
            sent += page.Count;
            var last = page.Count < PageSize;
            if (last)
            {
                await db.ClaimAsync(InboxName, context, now, ct);
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            if (last)
            {
                break;
            }
            after = page[^1].Code;
        }
        LogAnswered(sent, department.Key, request.RequestId);
    }

    public static HouseholdSnapshot Snapshot(Household household, HouseholdResyncRequested request, Department department, DateOnly today, DateTimeOffset now) => new()
    {
        RequestId = request.RequestId,
        Department = department.Key,
        HouseholdId = household.Id,
        HouseholdCode = household.Code,
        TownshipCode = household.TownshipCode,
        Village = household.Village,
        VillageCode = household.VillageCode,
        HeadName = household.HeadName,
        HeadIdNumber = IdNumber.Mask(household.HeadIdNumber),
        MemberCount = household.Members.Count,
        RegisteredAt = household.RegisteredAt,
        Status = WireName.Of(household.Status),
        StatusOn = household.StatusChangedOn,
        Members = department.MemberShare.Apply(household.Members.OrderBy(m => m.Position).Select(HouseholdChangeEvents.Share), today),
        OccurredAt = now,
    };

    [LoggerMessage(LogLevel.Information, "Resync {RequestId}: {Count} household snapshots sent to {Department}")]
    private partial void LogAnswered(int count, string department, Guid requestId);

    [LoggerMessage(LogLevel.Warning, "Resync {RequestId} names '{Department}', which keeps no copy of the register; ignored.")]
    private partial void LogUnknownDepartment(string department, Guid requestId);
}
