using Xichou.Contracts;

namespace Xichou.Monitoring.Policy;

/// <summary>
/// Every version of the monitoring policy, each with its effective date. The version in force on a day judges what happened
/// that day: a visit by its visit date, an escalation clock by the day the level took the risk over. Configuration:
/// <c>Policy:Monitoring</c> adjusts the first version (the 2021 measures by default); each <c>Policy:Monitoring:Versions:n</c>
/// is a later version, starting from the one before it, so it names only the numbers (and their sources) it changes.
/// </summary>
public sealed class MonitoringPolicies
{
    public MonitoringPolicies(IEnumerable<MonitoringPolicy> versions)
    {
        Versions = [.. versions.OrderBy(v => v.EffectiveFrom)];
        if (Versions.Count == 0)
        {
            throw new ArgumentException("The monitoring policy needs at least one version.", nameof(versions));
        }
        if (Versions.GroupBy(v => v.Version, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new ArgumentException($"Two monitoring policy versions are named {twice.Key}; a visit records the name, so each is unique.", nameof(versions));
        }
        if (Versions.GroupBy(v => v.EffectiveFrom).FirstOrDefault(g => g.Count() > 1) is { } sameDay)
        {
            throw new ArgumentException($"Two monitoring policy versions take effect on {sameDay.Key:yyyy-MM-dd}.", nameof(versions));
        }
    }

    /// <summary>Only the 2021 measures.</summary>
    public static MonitoringPolicies Default { get; } = new([MonitoringPolicy.Xichou2021]);

    /// <summary>The versions, the earliest first.</summary>
    public IReadOnlyList<MonitoringPolicy> Versions { get; }

    /// <summary>The version effective on <paramref name="day"/>: the latest that took effect on or before it (the first one for earlier days).</summary>
    public MonitoringPolicy InForceOn(DateOnly day) => Versions.LastOrDefault(v => v.EffectiveFrom <= day) ?? Versions[0];

    /// <summary>The version in force today in Beijing.</summary>
    public MonitoringPolicy Current(TimeProvider time) => InForceOn(Beijing.Today(time));

    /// <summary>The version of that name; the one in force on <paramref name="fallbackDay"/> for a name no longer configured (or none recorded).</summary>
    public MonitoringPolicy Named(string? version, DateOnly fallbackDay) =>
        Versions.FirstOrDefault(v => string.Equals(v.Version, version, StringComparison.Ordinal)) ?? InForceOn(fallbackDay);

    /// <summary>The versions in configuration (see the class summary), or the 2021 default alone.</summary>
    public static MonitoringPolicies From(IConfiguration configuration)
    {
        var section = configuration.GetSection(MonitoringPolicy.SectionName);
        var first = Bound(section, MonitoringPolicy.Xichou2021);
        List<MonitoringPolicy> versions = [first];
        foreach (var later in section.GetSection("Versions").GetChildren().OrderBy(c => int.TryParse(c.Key, out var n) ? n : int.MaxValue))
        {
            versions.Add(Bound(later, versions[^1]));
        }
        return new MonitoringPolicies(versions);
    }

    /// <summary>
    /// <paramref name="previous"/> with the numbers <paramref name="section"/> sets; its sources are the previous ones with
    /// the section's on top (a changed number should say where its new value comes from).
    /// </summary>
    private static MonitoringPolicy Bound(IConfigurationSection section, MonitoringPolicy previous)
    {
        if (!section.Exists())
        {
            return previous;
        }
        var sources = new Dictionary<string, string>(previous.Sources, StringComparer.Ordinal);
        foreach (var source in section.GetSection(nameof(MonitoringPolicy.Sources)).GetChildren())
        {
            if (source.Value is { } text)
            {
                sources[source.Key] = text;
            }
        }
        var next = previous with { Sources = sources };
        section.Bind(next, options => options.BindNonPublicProperties = false);
        // The binder may have replaced the dictionary with its own copy; keep the merged one.
        return next with { Sources = sources };
    }
}
