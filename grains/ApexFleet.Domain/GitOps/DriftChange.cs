using System.Globalization;

namespace ApexFleet.Domain.GitOps;

/// <summary>Devices of one cohort on a version of a followed model that no manifest wants.</summary>
public readonly record struct DriftCount(string Deployment, string Cohort, string Model, string Version, long Devices);

/// <summary>
/// How one cohort's drift on one version changed between two looks. Drifted devices are directed
/// back by the rollout that owns their model on their next report, so a shrinking count is devices
/// moved back; a growing one is new drift.
/// </summary>
public sealed record DriftChange(string Deployment, string Cohort, string Model, string Version, long Before, long After)
{
    public long Found => Math.Max(0, After - Before);

    public long MovedBack => Math.Max(0, Before - After);

    public string Describe() => Found > 0
        ? string.Create(CultureInfo.InvariantCulture, $"drift: {Found} device(s) of cohort {Cohort} run {Model}@{Version}, which no manifest wants ({After} in all); directed back on their next report")
        : string.Create(CultureInfo.InvariantCulture, $"drift corrected: {MovedBack} device(s) of cohort {Cohort} moved off {Model}@{Version}, which no manifest wants ({After} left)");

    /// <summary>Every change between two looks, in a stable order; unchanged counts are not changes.</summary>
    public static IReadOnlyList<DriftChange> Between(IEnumerable<DriftCount> before, IEnumerable<DriftCount> after)
    {
        static (string, string, string) Key(DriftCount d) => (d.Cohort, d.Model, d.Version);
        var was = before.GroupBy(Key).ToDictionary(g => g.Key, g => (g.First().Deployment, Devices: g.Sum(d => d.Devices)));
        var now = after.GroupBy(Key).ToDictionary(g => g.Key, g => (g.First().Deployment, Devices: g.Sum(d => d.Devices)));
        return [.. was.Keys.Union(now.Keys)
            .Select(k => new DriftChange(
                now.TryGetValue(k, out var n) ? n.Deployment : was[k].Deployment, k.Item1, k.Item2, k.Item3,
                was.TryGetValue(k, out var w) ? w.Devices : 0, now.TryGetValue(k, out var a) ? a.Devices : 0))
            .Where(c => c.Before != c.After)
            .OrderBy(c => c.Cohort, StringComparer.Ordinal).ThenBy(c => c.Model, StringComparer.Ordinal).ThenBy(c => c.Version, StringComparer.Ordinal)];
    }
}
