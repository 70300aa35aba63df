namespace Xichou.Education.Model;

/// <summary>
/// One grant of 措施六's subsidy to a student in a non-compulsory stage (学前教育 or 高中及以上) for one period: the stage it was
/// paid for, the amount under the policy in force, when and by whom. One per student and period (a unique index).
/// </summary>
public sealed class EducationSubsidy
{
    public Guid Id { get; private set; }
    public Guid StudentId { get; private set; }
    public Guid HouseholdId { get; private set; }
    public string Period { get; private set; } = "";
    public SchoolStage Stage { get; private set; }
    public string Kind { get; private set; } = "";
    public decimal AmountYuan { get; private set; }
    public DateOnly GrantedOn { get; private set; }
    public string GrantedBy { get; private set; } = "";
    public DateTimeOffset GrantedAt { get; private set; }
    public string PolicyVersion { get; private set; } = "";

    public static EducationSubsidy Grant(Guid studentId, Guid householdId, string period, SchoolStage stage, string kind, decimal amountYuan,
        DateOnly grantedOn, string policyVersion, string by, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at),
        StudentId = studentId,
        HouseholdId = householdId,
        Period = period,
        Stage = stage,
        Kind = kind,
        // Money: yuan with two places, half away from zero.
        AmountYuan = decimal.Round(amountYuan, 2, MidpointRounding.AwayFromZero),
        GrantedOn = grantedOn,
        PolicyVersion = policyVersion,
        GrantedBy = by,
        GrantedAt = at,
    };
}
