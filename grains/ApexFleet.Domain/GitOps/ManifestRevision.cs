using System.Globalization;
using System.Text.Json;
using ApexFleet.Domain.Rollout;

namespace ApexFleet.Domain.GitOps;

/// <summary>What a revision changes in a rollout, in a line a reviewer can read in the audit log.</summary>
public static class ManifestRevision
{
    public static string Describe(RolloutDefinition before, RolloutDefinition after)
    {
        var changes = new List<string>();
        if (before.Stages.Count != after.Stages.Count)
        {
            changes.Add($"stages {before.Stages.Count} → {after.Stages.Count}");
        }

        for (var i = 0; i < Math.Min(before.Stages.Count, after.Stages.Count); i++)
        {
            var (was, now) = (before.Stages[i], after.Stages[i]);
            var parts = new List<string>();
            Compare(parts, "name", was.Name, now.Name);
            Compare(parts, "percent", Text(was.Percent), Text(now.Percent));
            Compare(parts, "bakeWindow", was.BakeWindow.ToString(), now.BakeWindow.ToString());
            Compare(parts, "gates", Gates(was), Gates(now));
            if (parts.Count > 0)
            {
                changes.Add($"stage {i + 1} '{now.Name}': {string.Join(", ", parts)}");
            }
        }

        foreach (var extra in after.Stages.Skip(before.Stages.Count))
        {
            changes.Add($"added stage '{extra.Name}' ({Text(extra.Percent)}%)");
        }

        Section(changes, "targeting", before.Targeting, after.Targeting);
        Section(changes, "guardrails", before.Guardrails, after.Guardrails);
        Section(changes, "resources", before.Resources, after.Resources);
        Section(changes, "labels", before.Labels, after.Labels);
        Section(changes, "privacy", before.Privacy, after.Privacy);
        Compare(changes, "monitorWindow", before.MonitorWindow.ToString(), after.MonitorWindow.ToString());
        return changes.Count == 0 ? "no change to stages, gates or targeting" : string.Join("; ", changes);
    }

    private static string Gates(RolloutStage stage) =>
        string.Join(" & ", stage.Gates.Select(g => $"{g.Metric} {g.Operator} {Text(g.Threshold)} (min {g.MinSamples}, {g.Scope})"));

    private static void Compare(List<string> into, string what, string was, string now)
    {
        if (was != now)
        {
            into.Add($"{what} {(was.Length == 0 ? "(none)" : was)} → {(now.Length == 0 ? "(none)" : now)}");
        }
    }

    /// <summary>Nested records hold lists, whose equality is by reference: their JSON is compared instead.</summary>
    private static void Section(List<string> into, string what, object? was, object? now)
    {
        if (JsonSerializer.Serialize(was) != JsonSerializer.Serialize(now))
        {
            into.Add($"{what} changed");
        }
    }

    private static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);
}
