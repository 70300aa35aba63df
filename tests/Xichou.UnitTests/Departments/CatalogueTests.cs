using Xichou.Contracts;
using Xichou.ServiceDefaults.Security;

namespace Xichou.UnitTests.Departments;

/// <summary>One catalogue of departments: every name a page, the portal or the access table shows comes from it.</summary>
public class CatalogueTests
{
    [Fact]
    public void Every_service_has_exactly_one_catalogue_entry() =>
        Assert.Equal(ServiceNames.All.Order(StringComparer.Ordinal), Contracts.Departments.All.Select(d => d.Key).Order(StringComparer.Ordinal));

    [Fact]
    public void A_department_role_is_shown_with_its_bureau_from_the_catalogue() =>
        Assert.All(Contracts.Departments.WithMeasures, department =>
        {
            Assert.Equal(department.Bureau, Roles.DisplayName(department.Role!));
            Assert.Equal($"{department.Bureau}负责人", Roles.DisplayName(department.HeadRole!));
        });

    [Fact]
    public void The_education_bureau_has_one_name_everywhere()
    {
        Assert.Equal("县教育体育局", Contracts.Departments.Education.Bureau);
        Assert.Equal("县教育体育局", Roles.DisplayName(Roles.Education));
    }

    [Fact]
    public void Departments_with_measures_take_referrals_and_the_register_and_command_centre_do_not()
    {
        Assert.Equal([ServiceNames.Housing, ServiceNames.Agriculture, ServiceNames.Employment, ServiceNames.Education, ServiceNames.Water, ServiceNames.Insurance],
            Contracts.Departments.WithMeasures.Select(d => d.Key));
        Assert.False(Contracts.Departments.Monitoring.TakesReferrals);
        Assert.False(Contracts.Departments.CommandCentre.TakesReferrals);
    }

    [Fact]
    public void Each_department_has_its_own_colour() =>
        Assert.Equal(Contracts.Departments.All.Count, Contracts.Departments.All.Select(d => d.Colour).Distinct().Count());

    [Fact]
    public void No_full_ID_number_goes_to_water_or_the_command_centre()
    {
        Assert.True(Contracts.Departments.Water.MemberShare.IsEmpty);
        Assert.True(Contracts.Departments.CommandCentre.MemberShare.IsEmpty);
    }

    [Fact]
    public void Health_state_goes_only_to_insurance() =>
        Assert.Equal([ServiceNames.Insurance],
            Contracts.Departments.All.Where(d => d.MemberShare.Fields.HasFlag(MemberFields.HealthState)).Select(d => d.Key));
}

public class DepartmentAccessTests
{
    [Fact]
    public void A_department_head_reads_writes_and_acts_on_referrals_only_in_their_own_department() =>
        Assert.All(Contracts.Departments.WithMeasures, department =>
        {
            var head = department.HeadRole!;
            Assert.Equal([department.Key], ServiceNames.All.Where(s => ServiceAccess.WritersOf(s).Contains(head)));
            Assert.Equal([department.Key], ServiceNames.All.Where(s => ServiceAccess.ReferralActorsOf(s).Contains(head)));
            Assert.Equal(Jurisdiction.County, Jurisdiction.Of(TestPrincipal.With(head), department.Key));
        });

    [Fact]
    public void Nobody_acts_on_referrals_in_the_register_or_the_command_centre()
    {
        Assert.Empty(ServiceAccess.ReferralActorsOf(ServiceNames.Monitoring));
        Assert.Empty(ServiceAccess.ReferralActorsOf(ServiceNames.CommandCentre));
    }

    [Fact]
    public void Village_and_township_staff_send_referrals_from_the_register_but_pairing_cadres_do_not()
    {
        var senders = ServiceAccess.ReferralSendersOf(ServiceNames.Monitoring);
        Assert.Contains(Roles.VillageMonitor, senders);
        Assert.Contains(Roles.TownshipStaff, senders);
        Assert.DoesNotContain(Roles.PairingCadre, senders);
    }

    [Fact]
    public void Departments_may_read_referred_households_on_the_register_only()
    {
        Assert.Equal([.. Roles.Departments, .. Roles.DepartmentHeads], ServiceAccess.ReferralReadersOf(ServiceNames.Monitoring));
        Assert.All(Contracts.Departments.WithMeasures, d => Assert.Empty(ServiceAccess.ReferralReadersOf(d.Key)));
    }

    [Fact]
    public void A_department_role_names_its_department() =>
        Assert.All(Contracts.Departments.WithMeasures, d =>
        {
            Assert.Same(d, Roles.DepartmentOf(d.Role!));
            Assert.Same(d, Roles.DepartmentOf(d.HeadRole!));
        });
}

internal static class TestPrincipal
{
    public static System.Security.Claims.ClaimsPrincipal With(params string[] roles) => new(new System.Security.Claims.ClaimsIdentity(
        [new(XichouClaims.Name, "test"), .. roles.Select(role => new System.Security.Claims.Claim(XichouClaims.Role, role))], "test", XichouClaims.Name, XichouClaims.Role));
}
