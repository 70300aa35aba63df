using Xichou.ServiceDefaults.Http;

namespace Xichou.Insurance.Application;

/// <summary>What an insurance use case did, for the API to answer and the pages to show.</summary>
public abstract record InsuranceOutcome<T>
{
    public sealed record Done(T Value) : InsuranceOutcome<T>;

    /// <summary>No such member, household or claim, or outside the caller's jurisdiction.</summary>
    public sealed record NotFound : InsuranceOutcome<T>;

    /// <summary>The caller may read insurance but not write (checked by the use case, not only by the endpoint's policy).</summary>
    public sealed record Forbidden : InsuranceOutcome<T>;

    /// <summary>Field errors, each in Chinese and English; nothing was stored.</summary>
    public sealed record Invalid(IDictionary<string, string[]> Errors) : InsuranceOutcome<T>;

    /// <summary>The state does not allow it (a cap reached, a claim already decided); bilingual; nothing was stored.</summary>
    public sealed record Conflict(string Title, string Detail, IDictionary<string, object?>? Extensions = null) : InsuranceOutcome<T>;
}

public static class InsuranceConflicts
{
    public static InsuranceOutcome<T>.Conflict Exited<T>() => new(
        Bilingual.Message("该户已退出监测", "The household has exited monitoring."),
        Bilingual.Message("已退出监测的农户保留记录，不再安排新的工作", "An exited household keeps its records but gets no new work."));

    public static InsuranceOutcome<T>.Conflict Busy<T>() => new(
        Bilingual.Message("同一记录刚刚被修改", "The same record changed a moment ago."),
        Bilingual.Message("请刷新后重试", "Reload and try again."));
}
