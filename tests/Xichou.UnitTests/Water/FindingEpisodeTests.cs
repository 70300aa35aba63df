using Xichou.Water.Model.Checks;
using Xichou.Water.Policy;

namespace Xichou.UnitTests.Water;

/// <summary>One unsafe episode, one finding: which earlier finding a failing check reports again, and when it starts a new one.</summary>
public class FindingEpisodeTests
{
    private const string Village = "532623201001"; // 莲花塘乡莲花塘村

    private static readonly DateTimeOffset CheckedAt = new(2026, 11, 2, 2, 0, 0, TimeSpan.Zero);

    private static readonly WaterMeasurements Safe = new(50m, true, null, true, null, null, null, 10);

    private static WaterCheck Recorded(WaterMeasurements measured) =>
        WaterCheck.Record(Guid.NewGuid(), DateOnly.FromDateTime(CheckedAt.UtcDateTime), measured,
            WaterRules.Evaluate(measured, Village, WaterPolicy.Xichou2021), remediationId: null, "water", CheckedAt);

    private static WaterCheck FailingReported(Guid finding)
    {
        var check = Recorded(Safe with { LitresPerPersonPerDay = 20m });
        check.Reported(finding);
        return check;
    }

    [Fact]
    public void A_households_first_failing_check_starts_an_episode() =>
        Assert.Null(WaterCheck.EpisodeFindingAfter(null, []));

    [Fact]
    public void A_failing_check_after_a_passing_one_starts_a_new_episode() =>
        Assert.Null(WaterCheck.EpisodeFindingAfter(Recorded(Safe), []));

    [Fact]
    public void A_failing_check_after_a_reported_failing_one_reports_that_finding_again()
    {
        var finding = Guid.NewGuid();

        Assert.Equal(finding, WaterCheck.EpisodeFindingAfter(FailingReported(finding), []));
    }

    [Fact]
    public void A_case_completed_after_the_last_failing_check_ends_the_episode() =>
        Assert.Null(WaterCheck.EpisodeFindingAfter(FailingReported(Guid.NewGuid()), [CheckedAt.AddHours(1)]));

    [Fact]
    public void A_case_completed_before_the_last_failing_check_does_not_end_the_episode_that_check_belongs_to()
    {
        var finding = Guid.NewGuid();

        Assert.Equal(finding, WaterCheck.EpisodeFindingAfter(FailingReported(finding), [CheckedAt.AddDays(-3)]));
    }

    [Fact]
    public void A_failing_check_that_was_never_reported_continues_nothing() =>
        Assert.Null(WaterCheck.EpisodeFindingAfter(Recorded(Safe with { LitresPerPersonPerDay = 20m }), []));
}
