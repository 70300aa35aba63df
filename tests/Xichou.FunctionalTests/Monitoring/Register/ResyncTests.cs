using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xichou.Contracts;
using Xichou.DepartmentKit.Households;
using Xichou.FunctionalTests.Infrastructure;

namespace Xichou.FunctionalTests.Monitoring.Register;

/// <summary>A department asks the register for its copy again (POST /api/households/resync) and gets it back whole, never doubled.</summary>
public class ResyncTests(Platform platform)
{
    /// <summary>法斗乡三元井村: no other test counts households here.</summary>
    private const string Village = "532623204005";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private ServiceHost Monitoring => platform.Monitoring;

    private ServiceHost Insurance => platform[ServiceNames.Insurance];

    [Fact]
    public async Task A_department_that_lost_part_of_its_copy_gets_it_back_whole_and_without_duplicates_after_a_resync()
    {
        var kept = await Monitoring.RegisterAsync(Village, IdNumbers.New(), 9000m,
            new { relation = "配偶", name = "李桂芬", idNumber = IdNumbers.New() });
        var lostMembers = new[] { IdNumbers.New(), IdNumbers.New(), IdNumbers.New() };
        var lost = await Monitoring.RegisterAsync(Village, lostMembers[0], 9000m,
            new { relation = "配偶", name = "张秀兰", idNumber = lostMembers[1] }, new { relation = "父母", name = "罗德明", idNumber = lostMembers[2] });
        var exited = await Monitoring.RegisterAsync(Village, IdNumbers.New());
        using (var exit = await Monitoring.Client.PostAsJsonAsync(new Uri($"/api/households/{exited.Id}/status", UriKind.Relative),
            new { status = "exited", reason = "全家迁居外省" }, Cancellation))
        {
            Assert.Equal(HttpStatusCode.OK, exit.StatusCode);
        }
        await Insurance.RowsReachAsync("Members", kept.Id, 2);
        await Insurance.RowsReachAsync("Members", lost.Id, 3);
        await Insurance.RowsReachAsync("Households", exited.Id, 1, "Status = 'Exited'");

        // A restored backup: one household gone with its members, another's members gone, the exit never happened.
        await Insurance.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<DepartmentDbContext>();
            using (await db.WriteGate.EnterAsync(Cancellation))
            {
                await db.Members.Where(m => m.HouseholdId == lost.Id || m.HouseholdId == kept.Id).ExecuteDeleteAsync(Cancellation);
                await db.Households.Where(h => h.Id == lost.Id || h.Id == exited.Id).ExecuteDeleteAsync(Cancellation);
            }
            return 0;
        });
        Assert.Equal(0, await Insurance.RowsAsync("Households", lost.Id));

        using var resync = await Insurance.Client.PostAsync(new Uri("/api/households/resync", UriKind.Relative), null, Cancellation);

        Assert.Equal(HttpStatusCode.Accepted, resync.StatusCode);
        var requestId = (await resync.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("requestId").GetGuid();
        await Insurance.RowsReachAsync("Members", lost.Id, 3);
        await Insurance.RowsReachAsync("Members", kept.Id, 2);
        await Insurance.RowsReachAsync("Households", exited.Id, 1, "Status = 'Exited'");
        foreach (var idNumber in lostMembers)
        {
            Assert.Equal(1, await Insurance.RowsAsync("Members", lost.Id, "IdNumber = $n", ("$n", idNumber)));
        }
        Assert.Equal(1, await Insurance.RowsAsync("Households", lost.Id, "MemberCount = 3 AND HeadIdNumber = $masked AND HouseholdCode = $code",
            ("$masked", IdNumber.Mask(lostMembers[0])), ("$code", lost.Code)));
        Assert.Equal(1, await Insurance.RowsAsync("Households", kept.Id));
        // The register answered this request once, and its snapshots went to insurance's queue alone.
        var messageId = await Insurance.ScalarAsync("SELECT MessageId FROM OutboxMessages WHERE instr(Body, $request) > 0", ("$request", requestId.ToString()));
        await Eventually.TrueAsync(async () => await Monitoring.CountAsync(
            "SELECT COUNT(*) FROM InboxMessages WHERE Consumer = 'household-resync' AND MessageId = $id", ("$id", messageId!)) == 1,
            "the register to mark the resync answered", TimeSpan.FromMinutes(1));
        Assert.Equal(0, await Monitoring.CountAsync(
            "SELECT COUNT(*) FROM OutboxMessages WHERE MessageType = $type AND instr(Body, $request) > 0 AND (Destination IS NULL OR Destination <> $queue)",
            ("$type", typeof(HouseholdSnapshot).FullName!), ("$request", requestId.ToString()), ("$queue", Departments.Insurance.MembersQueue)));
        Assert.True(await Monitoring.CountAsync("SELECT COUNT(*) FROM OutboxMessages WHERE MessageType = $type AND instr(Body, $request) > 0",
            ("$type", typeof(HouseholdSnapshot).FullName!), ("$request", requestId.ToString())) >= 3);
    }
}
