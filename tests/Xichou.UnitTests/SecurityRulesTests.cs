using System.Security.Claims;
using Xichou.Contracts;
using Xichou.ServiceDefaults.Security;

namespace Xichou.UnitTests;

public class JurisdictionTests
{
    private static ClaimsPrincipal User(params (string Type, string Value)[] claims) =>
        new(new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)), "test", XichouClaims.Name, XichouClaims.Role));

    [Theory]
    [InlineData(Roles.PovertyOffice)]
    [InlineData(Roles.CountyLeader)]
    public void County_wide_roles_see_the_whole_county_in_monitoring(string role) =>
        Assert.Equal(Jurisdiction.County, Jurisdiction.Of(User((XichouClaims.Role, role)), ServiceNames.Monitoring));

    [Fact]
    public void Township_staff_see_their_township()
    {
        var user = User((XichouClaims.Role, Roles.TownshipStaff), (XichouClaims.Township, "532623101"));
        Assert.Equal(new Jurisdiction(JurisdictionLevel.Township, "532623101"), Jurisdiction.Of(user, ServiceNames.Monitoring));
    }

    [Fact]
    public void A_village_monitor_sees_their_village_and_its_name_reads_township_then_village()
    {
        var scope = Jurisdiction.Of(User((XichouClaims.Role, Roles.VillageMonitor), (XichouClaims.Village, "532623101012")), ServiceNames.Monitoring);
        Assert.Equal(new Jurisdiction(JurisdictionLevel.Village, "532623101012"), scope);
        Assert.Equal("兴街镇三光村", scope.DisplayName);
    }

    [Fact]
    public void A_pairing_cadre_sees_the_households_paired_with_their_user_name() =>
        Assert.Equal(new Jurisdiction(JurisdictionLevel.Pairing, "cadre-li"),
            Jurisdiction.Of(User((XichouClaims.Role, Roles.PairingCadre), (XichouClaims.Name, "cadre-li")), ServiceNames.Monitoring));

    [Theory]
    [InlineData(Roles.TownshipStaff, XichouClaims.Township, "")]
    [InlineData(Roles.TownshipStaff, XichouClaims.Township, "532623999")]
    [InlineData(Roles.VillageMonitor, XichouClaims.Village, "532623999001")]
    [InlineData(Roles.VillageMonitor, XichouClaims.Township, "532623101")]
    public void A_scoped_role_without_a_known_scope_sees_nothing(string role, string claim, string value) =>
        Assert.Equal(Jurisdiction.None, Jurisdiction.Of(User((XichouClaims.Role, role), (claim, value)), ServiceNames.Monitoring));

    [Theory]
    [InlineData(Roles.Admin, ServiceNames.Monitoring)]
    [InlineData(Roles.Housing, ServiceNames.Monitoring)]
    [InlineData(Roles.Water, ServiceNames.Housing)]
    [InlineData(Roles.VillageMonitor, ServiceNames.Housing)]
    public void A_role_that_does_not_read_the_service_sees_nothing_there(string role, string service) =>
        Assert.Equal(Jurisdiction.None,
            Jurisdiction.Of(User((XichouClaims.Role, role), (XichouClaims.Village, "532623101012")), service));

    [Fact]
    public void Only_roles_that_read_the_service_widen_the_jurisdiction()
    {
        // A housing officer who is also a village monitor sees one village in monitoring, the county in housing.
        var user = User((XichouClaims.Role, Roles.Housing), (XichouClaims.Role, Roles.VillageMonitor), (XichouClaims.Village, "532623101012"));
        Assert.Equal(JurisdictionLevel.Village, Jurisdiction.Of(user, ServiceNames.Monitoring).Level);
        Assert.Equal(Jurisdiction.County, Jurisdiction.Of(user, ServiceNames.Housing));
    }

    [Theory]
    [InlineData(JurisdictionLevel.Township, "532623101", "532623101", "532623101012", true)]
    [InlineData(JurisdictionLevel.Township, "532623101", "532623100", "532623100002", false)]
    [InlineData(JurisdictionLevel.Village, "532623101012", "532623101", "532623101012", true)]
    [InlineData(JurisdictionLevel.Village, "532623101012", "532623101", "532623101007", false)]
    [InlineData(JurisdictionLevel.None, null, "532623101", "532623101012", false)]
    public void Covers_a_place_inside_and_not_outside(JurisdictionLevel level, string? code, string township, string village, bool covered) =>
        Assert.Equal(covered, new Jurisdiction(level, code).Covers(township, village));
}

public class ServiceAccessTests
{
    [Fact]
    public void Each_department_role_is_spelt_as_its_service() =>
        Assert.All(Roles.Departments, role => Assert.Contains(role, ServiceNames.HouseholdConsumers));

    [Fact]
    public void Admin_reads_no_household_data_anywhere() =>
        Assert.All(ServiceNames.All, service => Assert.DoesNotContain(Roles.Admin, ServiceAccess.ReadersOf(service)));

    [Fact]
    public void County_leaders_read_every_service_but_write_and_reveal_nowhere() =>
        Assert.All(ServiceNames.All, service =>
        {
            Assert.Contains(Roles.CountyLeader, ServiceAccess.ReadersOf(service));
            Assert.DoesNotContain(Roles.CountyLeader, ServiceAccess.WritersOf(service));
            Assert.DoesNotContain(Roles.CountyLeader, ServiceAccess.RevealersOf(service));
        });

    [Fact]
    public void A_department_reads_and_writes_only_its_own_service() =>
        Assert.All(Roles.Departments, role => Assert.Equal([role],
            ServiceNames.All.Where(service => ServiceAccess.WritersOf(service).Contains(role) || ServiceAccess.ReadersOf(service).Contains(role))));

    [Fact]
    public void Every_writer_and_revealer_is_also_a_reader() =>
        Assert.All(ServiceNames.All, service =>
            Assert.Empty(ServiceAccess.WritersOf(service).Concat(ServiceAccess.RevealersOf(service)).Except(ServiceAccess.ReadersOf(service))));

    [Fact]
    public void The_portal_offers_a_village_monitor_only_monitoring() =>
        Assert.Equal([ServiceNames.Monitoring], ServiceAccess.ServicesReadableBy([Roles.VillageMonitor]));
}

public class PersonalDataTests
{
    [Theory]
    [InlineData("13812345678", "138****5678")]
    [InlineData("08763012345", "087****2345")]
    [InlineData("1234567", "*******")]
    [InlineData("", "")]
    public void Phone_numbers_keep_the_first_three_and_last_four_digits(string phone, string masked) =>
        Assert.Equal(masked, PersonalData.MaskPhone(phone));

    [Theory]
    [InlineData("侯世昌", "侯**")]
    [InlineData("欧阳秀英", "欧***")]
    [InlineData("明", "*")]
    public void Names_keep_only_the_first_character_for_county_leaders(string name, string masked) =>
        Assert.Equal(masked, PersonalData.MaskName(name));

    [Fact]
    public void Only_a_county_leader_without_a_working_role_sees_masked_names()
    {
        Assert.True(Monitoring.MasksNames(As(Roles.CountyLeader)));
        Assert.False(Monitoring.MasksNames(As(Roles.PovertyOffice)));
        var leaderAndOffice = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(XichouClaims.Role, Roles.CountyLeader), new Claim(XichouClaims.Role, Roles.PovertyOffice)], "test", XichouClaims.Name, XichouClaims.Role));
        Assert.False(Monitoring.MasksNames(leaderAndOffice));
    }

    [Theory]
    [InlineData("6228480000123456789", "***************6789")]
    [InlineData("1234", "****")]
    public void Bank_accounts_keep_only_the_last_four_digits(string account, string masked) =>
        Assert.Equal(masked, PersonalData.MaskBankAccount(account));

    private static readonly ServiceSecurity Monitoring = new(ServiceNames.Monitoring);

    private static ClaimsPrincipal As(string role) =>
        new(new ClaimsIdentity([new Claim(XichouClaims.Role, role)], "test", XichouClaims.Name, XichouClaims.Role));

    [Fact]
    public void Nothing_asked_means_masked() =>
        Assert.IsType<RevealDecision.Masked>(PersonalData.Decide(new RevealQuery(null, "x"), As(Roles.PovertyOffice), Monitoring, [PersonalData.IdNumber]));

    [Fact]
    public void A_role_that_may_not_reveal_is_forbidden_whatever_it_gives() =>
        Assert.IsType<RevealDecision.Forbidden>(PersonalData.Decide(
            new RevealQuery(PersonalData.IdNumber, "核实身份"), As(Roles.CountyLeader), Monitoring, [PersonalData.IdNumber]));

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    [InlineData("a")]
    public void A_reason_of_at_least_two_characters_is_required(string? reason)
    {
        var decision = Assert.IsType<RevealDecision.Invalid>(PersonalData.Decide(
            new RevealQuery(PersonalData.IdNumber, reason, Confirmed: "1"), As(Roles.PovertyOffice), Monitoring, [PersonalData.IdNumber]));
        Assert.Equal(["reason"], decision.Errors.Keys);
    }

    [Fact]
    public void A_granted_reveal_names_its_fields_and_trimmed_reason()
    {
        var decision = Assert.IsType<RevealDecision.Granted>(PersonalData.Decide(
            new RevealQuery("idNumber, idNumber", "  入户核实 ", Confirmed: "1"), As(Roles.VillageMonitor), Monitoring, [PersonalData.IdNumber]));
        Assert.Equal([PersonalData.IdNumber], decision.Fields);
        Assert.Equal("入户核实", decision.Reason);
        Assert.True(decision.Reveals(PersonalData.IdNumber));
        Assert.False(decision.Reveals(PersonalData.Phone));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("true")]
    public void A_reveal_without_the_header_a_link_cannot_set_is_refused_naming_the_header(string? confirmed)
    {
        var decision = Assert.IsType<RevealDecision.Invalid>(PersonalData.Decide(
            new RevealQuery(PersonalData.IdNumber, "入户核实", confirmed), As(Roles.PovertyOffice), Monitoring, [PersonalData.IdNumber]));
        Assert.Equal([PersonalData.RevealHeader], decision.Errors.Keys);
        Assert.Contains("X-Xichou-Reveal: 1", decision.Errors[PersonalData.RevealHeader][0], StringComparison.Ordinal);
    }
}

public class VillagesTests
{
    [Fact]
    public void Every_township_has_village_committees_and_every_code_extends_its_township()
    {
        Assert.All(Townships.ByCode.Keys, township => Assert.NotEmpty(Villages.In(township)));
        Assert.All(Villages.All, village =>
        {
            Assert.Matches("^532623[0-9]{6}$", village.Code);
            Assert.Equal(village.TownshipCode, Villages.TownshipOf(village.Code));
            Assert.True(Townships.IsKnown(village.TownshipCode));
        });
    }

    [Fact]
    public void Codes_are_unique_and_names_unique_within_a_township()
    {
        Assert.Equal(Villages.All.Count, Villages.ByCode.Count);
        Assert.All(Villages.All.GroupBy(v => v.TownshipCode), township =>
            Assert.Equal(township.Count(), township.Select(v => v.Name).Distinct().Count()));
    }

    [Fact]
    public void The_demo_villages_are_where_the_README_says() =>
        Assert.Equal(("兴街镇", "三光村", "龙坪村", "龙泉村"),
            (Villages.ByCode["532623101012"].TownshipName, Villages.NameOf("532623101012"), Villages.NameOf("532623101007"), Villages.NameOf("532623100002")));

    [Fact]
    public void Fa_dou_includes_the_villages_of_Pingzhai_merged_into_it_in_2006() =>
        Assert.Contains("坪寨村", Villages.In("532623204").Select(v => v.Name));
}
