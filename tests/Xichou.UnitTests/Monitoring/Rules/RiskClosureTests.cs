using Xichou.DepartmentKit.Referrals;
using Xichou.Monitoring.Model;
using Xichou.Monitoring.Model.Risks;
using Xichou.Monitoring.Policy;

namespace Xichou.UnitTests.Monitoring.Rules;

public class RiskClosureTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 18, 10, 0, 0, TimeSpan.FromHours(8));

    private static readonly FoundRisk Finding = new(RiskCategory.Reported, null, null, RiskSeverity.High, "housing:housing-grade-d", "住房鉴定为D级危房");

    private static Referral ReferralFor(Guid householdId, Guid? riskId) => Referral.Create(householdId, "532623204-AAAA2222", "532623204", "532623204005",
        "三元井村", "monitoring", "housing", riskId, "请住建局鉴定房屋", "poverty-office", Now, new DateOnly(2025, 6, 30));

    [Fact]
    public void A_referral_works_on_a_risk_it_names_by_the_registers_id_or_by_the_departments_finding_id_and_on_no_other()
    {
        var household = Guid.NewGuid();
        var findingId = Guid.NewGuid();
        var risk = Risk.Open(household, Finding, RiskSource.Department, findingId, "housing", Now, MonitoringPolicy.Xichou2021.Version);

        Assert.True(RiskClosure.Links(ReferralFor(household, risk.Id), risk));
        Assert.True(RiskClosure.Links(ReferralFor(household, findingId), risk));
        Assert.False(RiskClosure.Links(ReferralFor(household, Guid.NewGuid()), risk));
        Assert.False(RiskClosure.Links(ReferralFor(household, null), risk));
    }

    [Fact]
    public void Why_a_risk_stays_open_names_each_open_referrals_bureau_state_and_due_date_in_Chinese_then_English()
    {
        var referral = ReferralFor(Guid.NewGuid(), Guid.NewGuid());
        referral.Accept("housing", Now);

        var why = RiskClosure.WhyOpen([referral]);

        Assert.Equal("转办尚未办结：县住建局办理中，2025-06-30到期 / Referrals still open: housing accepted, due 2025-06-30", why);
    }
}
