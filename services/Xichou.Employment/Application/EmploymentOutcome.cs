using Xichou.ServiceDefaults.Http;

namespace Xichou.Employment.Application;

/// <summary>What an employment use case did, for the API to answer and the pages to show.</summary>
public abstract record EmploymentOutcome<T>
{
    public sealed record Done(T Value) : EmploymentOutcome<T>;

    /// <summary>No such household, or outside the caller's jurisdiction.</summary>
    public sealed record NotFound : EmploymentOutcome<T>;

    /// <summary>The caller may read employment but not write (checked by the use case, not only by the endpoint's policy).</summary>
    public sealed record Forbidden : EmploymentOutcome<T>;

    /// <summary>Field errors, each in Chinese and English; nothing was stored.</summary>
    public sealed record Invalid(IDictionary<string, string[]> Errors) : EmploymentOutcome<T>;

    /// <summary>The household's or the labourer's state does not allow it; title and detail are bilingual; nothing was stored.</summary>
    public sealed record Conflict(string Title, string Detail) : EmploymentOutcome<T>;
}

public static class EmploymentConflicts
{
    public static (string Title, string Detail) Exited { get; } = (
        Bilingual.Message("该户已退出监测", "The household has exited monitoring."),
        Bilingual.Message("已退出监测的农户保留记录，不再安排新的就业工作", "An exited household keeps its records but gets no new employment work."));

    public static (string Title, string Detail) Changed { get; } = (
        Bilingual.Message("该户的就业记录刚刚有变化", "The household's employment records have just changed."),
        Bilingual.Message("请刷新后重试", "Reload and try again."));
}
