using Xichou.ServiceDefaults.Http;

namespace Xichou.Employment.Model;

/// <summary>A labourer's work as 措施五 counts it; on the wire away, local, not-employed, not-seeking.</summary>
public enum EmploymentStatus
{
    /// <summary>外出务工: working away from home (place, employer, since, monthly income); checked every month.</summary>
    Away,

    /// <summary>就近就地就业: working locally, including a public-welfare post (公益性岗位).</summary>
    Local,

    /// <summary>未就业: wants work and has none.</summary>
    NotEmployed,

    /// <summary>无就业意愿: not looking for work, with the reason (caring for family, studying, ill).</summary>
    NotSeeking,
}

/// <summary>Job services the bureau offers a labourer (措施五 “提供岗位服务,组织外出务工”); on the wire job-fair, organised-transport, job-referral, guidance.</summary>
public enum JobServiceKind
{
    /// <summary>招聘会.</summary>
    JobFair,

    /// <summary>有组织输出: organised transport to a job away.</summary>
    OrganisedTransport,

    /// <summary>岗位推荐: a job recommended to the labourer.</summary>
    JobReferral,

    /// <summary>就业指导.</summary>
    Guidance,
}

public static class EmploymentNames
{
    public static string WireOf(EmploymentStatus status) => WireName.KebabOf(status);

    public static EmploymentStatus? ParseStatus(string? text) => WireName.ParseKebab<EmploymentStatus>(text?.Trim().ToLowerInvariant());

    public static string NameOf(EmploymentStatus status) => status switch
    {
        EmploymentStatus.Away => "外出务工",
        EmploymentStatus.Local => "就近就地就业",
        EmploymentStatus.NotEmployed => "未就业",
        _ => "无就业意愿",
    };

    public static bool IsEmployed(EmploymentStatus status) => status is EmploymentStatus.Away or EmploymentStatus.Local;

    public static string WireOf(JobServiceKind kind) => WireName.KebabOf(kind);

    public static JobServiceKind? ParseKind(string? text) => WireName.ParseKebab<JobServiceKind>(text?.Trim().ToLowerInvariant());

    public static string NameOf(JobServiceKind kind) => kind switch
    {
        JobServiceKind.JobFair => "招聘会",
        JobServiceKind.OrganisedTransport => "有组织输出",
        JobServiceKind.JobReferral => "岗位推荐",
        _ => "就业指导",
    };
}
