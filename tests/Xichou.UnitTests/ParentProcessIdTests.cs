using Xichou.ServiceDefaults.Lifetime;

namespace Xichou.UnitTests;

/// <summary>The parent process id ParentWatch reads from a /proc/PID/stat line, whose second field may hold anything.</summary>
public class ParentProcessIdTests
{
    [Theory]
    [InlineData("4242 (Xichou.Water) S 4100 4242 4100 0 -1 4194560 21690", 4100)]
    [InlineData("77 (a) b (c) R 1 77 77 0 -1", 1)] // spaces and parentheses in the command name
    [InlineData("9 (x)) S 12 9 9", 12)]
    public void Reads_the_fourth_field_counted_from_the_last_parenthesis(string stat, int parent) =>
        Assert.Equal(parent, ParentWatch.ParentProcessId(stat));

    [Theory]
    [InlineData("")]
    [InlineData("4242 Xichou.Water S 4100")]
    [InlineData("4242 (Xichou.Water) S")]
    [InlineData("4242 (Xichou.Water) S -5 1")]
    public void A_line_without_one_is_none(string stat) => Assert.Null(ParentWatch.ParentProcessId(stat));

    [Fact]
    public void This_process_has_one()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "/proc is Linux's");
        var parent = ParentWatch.ParentProcessId(File.ReadAllText("/proc/self/stat"));
        Assert.NotNull(parent);
        Assert.NotEqual(Environment.ProcessId, parent);
    }
}
