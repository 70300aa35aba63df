using Xichou.ServiceDefaults.Http;

namespace Xichou.Agriculture.Application;

/// <summary>What an agriculture use case did, for the API to answer and the pages to show.</summary>
public abstract record AgricultureOutcome<T>
{
    public sealed record Done(T Value) : AgricultureOutcome<T>;

    /// <summary>No such household, application or policy, or outside the caller's jurisdiction.</summary>
    public sealed record NotFound : AgricultureOutcome<T>;

    /// <summary>The caller may read agriculture but not write (checked by the use case, not only by the endpoint's policy).</summary>
    public sealed record Forbidden : AgricultureOutcome<T>;

    /// <summary>Field errors, each in Chinese and English; nothing was stored.</summary>
    public sealed record Invalid(IDictionary<string, string[]> Errors) : AgricultureOutcome<T>;

    /// <summary>The state does not allow it; title and detail are bilingual; nothing was stored. Extensions carry figures (the cap).</summary>
    public sealed record Conflict(string Title, string Detail, IReadOnlyDictionary<string, object?>? Extensions = null) : AgricultureOutcome<T>;
}

public static class AgricultureConflicts
{
    public static (string Title, string Detail) Exited { get; } = (
        Bilingual.Message("该户已退出监测", "The household has exited monitoring."),
        Bilingual.Message("已退出监测的农户保留记录，不再安排新的产业帮扶工作", "An exited household keeps its records but gets no new work."));

    public static (string Title, string Detail) Changed { get; } = (
        Bilingual.Message("该户的记录刚刚有变化", "The household's records have just changed."),
        Bilingual.Message("请刷新后重试", "Reload and try again."));
}
