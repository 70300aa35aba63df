using Xichou.Contracts;

namespace Xichou.UnitTests.Departments;

/// <summary>Data minimisation: each department receives only the members and fields its work needs.</summary>
public class MemberShareTests
{
    private static readonly DateOnly Today = new(2026, 12, 1);

    private static SharedMember Member(string relation, DateOnly birth, string labour = "none", string school = "notInSchool", string health = "healthy") => new()
    {
        MemberId = Guid.NewGuid(),
        Name = "陶某",
        Relation = relation,
        Sex = "male",
        BirthDate = birth,
        IdNumber = IdNumber.Compose(IdNumber.XichouAreaCode, birth, 11),
        LabourCapacity = labour,
        SchoolStage = school,
        HealthState = health,
    };

    [Fact]
    public void Housing_gets_the_head_alone_with_name_and_ID_number_and_nothing_else()
    {
        var head = Member("head", new DateOnly(1970, 5, 1), labour: "able", health: "seriousIllness");
        var shared = Contracts.Departments.Housing.MemberShare.Apply([head, Member("child", new DateOnly(2015, 1, 1))], Today);

        var only = Assert.Single(shared);
        Assert.Equal(head.IdNumber, only.IdNumber);
        Assert.Equal("陶某", only.Name);
        Assert.Null(only.HealthState);
        Assert.Null(only.LabourCapacity);
        Assert.Null(only.BirthDate);
    }

    [Fact]
    public void Employment_gets_labourers_of_working_age_and_not_a_child_or_someone_who_cannot_work()
    {
        var sixteen = Member("child", Today.AddYears(-16), labour: "able");
        var fifteen = Member("child", Today.AddYears(-16).AddDays(1), labour: "able");
        var weak = Member("spouse", new DateOnly(1975, 1, 1), labour: "weak");
        var lost = Member("parent", new DateOnly(1950, 1, 1), labour: "lost");

        var shared = Contracts.Departments.Employment.MemberShare.Apply([sixteen, fifteen, weak, lost], Today);

        Assert.Equal([sixteen.MemberId, weak.MemberId], shared.Select(m => m.MemberId));
        Assert.All(shared, m => Assert.Null(m.HealthState));
    }

    [Fact]
    public void Education_gets_children_from_3_to_17_and_anyone_in_school()
    {
        var three = Member("grandchild", Today.AddYears(-3));
        var two = Member("grandchild", Today.AddYears(-3).AddDays(1));
        var eighteen = Member("child", Today.AddYears(-18));
        var student = Member("child", Today.AddYears(-19), school: "tertiary");

        var shared = Contracts.Departments.Education.MemberShare.Apply([three, two, eighteen, student], Today);

        Assert.Equal([three.MemberId, student.MemberId], shared.Select(m => m.MemberId));
        Assert.Equal("tertiary", shared[1].SchoolStage);
        Assert.Null(shared[1].LabourCapacity);
    }

    [Fact]
    public void Insurance_gets_every_member_with_health_state()
    {
        var members = new[] { Member("head", new DateOnly(1960, 1, 1), health: "chronicIllness"), Member("spouse", new DateOnly(1962, 1, 1)) };

        var shared = Contracts.Departments.Insurance.MemberShare.Apply(members, Today);

        Assert.Equal(2, shared.Count);
        Assert.Equal("chronicIllness", shared[0].HealthState);
        Assert.Null(shared[0].LabourCapacity);
    }

    [Fact]
    public void Water_and_the_command_centre_get_no_member() =>
        Assert.All([Contracts.Departments.Water, Contracts.Departments.CommandCentre, Contracts.Departments.Monitoring],
            department => Assert.Empty(department.MemberShare.Apply([Member("head", new DateOnly(1970, 1, 1), labour: "able")], Today)));
}
