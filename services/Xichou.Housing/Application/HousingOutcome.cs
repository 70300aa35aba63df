using Xichou.ServiceDefaults.Http;

namespace Xichou.Housing.Application;

/// <summary>What a housing use case did, for the API to answer and the pages to show.</summary>
public abstract record HousingOutcome<T>
{
    public sealed record Done(T Value) : HousingOutcome<T>;

    /// <summary>No such household or case, or outside the caller's jurisdiction.</summary>
    public sealed record NotFound : HousingOutcome<T>;

    /// <summary>The caller may read housing but not write (checked by the use case, not only by the endpoint's policy).</summary>
    public sealed record Forbidden : HousingOutcome<T>;

    /// <summary>Field errors, each in Chinese and English; nothing was stored.</summary>
    public sealed record Invalid(IDictionary<string, string[]> Errors) : HousingOutcome<T>;

    /// <summary>The household's or the case's state does not allow it; title and detail are bilingual; nothing was stored.</summary>
    public sealed record Conflict(string Title, string Detail) : HousingOutcome<T>;
}

public static class HousingConflicts
{
    public static (string Title, string Detail) Exited { get; } = (
        Bilingual.Message("该户已退出监测", "The household has exited monitoring."),
        Bilingual.Message("已退出监测的农户保留记录，不再安排新的鉴定和改造", "An exited household keeps its records but gets no new assessment or remediation work."));
}
