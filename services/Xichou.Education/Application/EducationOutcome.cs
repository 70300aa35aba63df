using Xichou.ServiceDefaults.Http;

namespace Xichou.Education.Application;

/// <summary>What an education use case did, for the API to answer and the pages to show.</summary>
public abstract record EducationOutcome<T>
{
    public sealed record Done(T Value) : EducationOutcome<T>;

    /// <summary>No such student, or outside the caller's jurisdiction.</summary>
    public sealed record NotFound : EducationOutcome<T>;

    /// <summary>The caller may read education but not write (checked by the use case, not only by the endpoint's policy).</summary>
    public sealed record Forbidden : EducationOutcome<T>;

    /// <summary>Field errors, each in Chinese and English; nothing was stored.</summary>
    public sealed record Invalid(IDictionary<string, string[]> Errors) : EducationOutcome<T>;

    /// <summary>The student's or the household's state does not allow it; title and detail are bilingual; nothing was stored.</summary>
    public sealed record Conflict(string Title, string Detail) : EducationOutcome<T>;
}

public static class EducationConflicts
{
    public static (string Title, string Detail) Exited { get; } = (
        Bilingual.Message("该户已退出监测", "The household has exited monitoring."),
        Bilingual.Message("已退出监测的农户保留记录，不再安排新的排查和补助", "An exited household keeps its records but gets no new survey or subsidy."));

    public static (string Title, string Detail) Changed { get; } = (
        Bilingual.Message("该生的记录刚刚有变化", "The student's record has just changed."),
        Bilingual.Message("请刷新后重试", "Reload and try again."));
}
