namespace ApexFleet.Domain.GitOps;

/// <summary>
/// The difference between what the branch asks for and what the fleet was given, as changes. Only
/// valid manifests change anything: an invalid or denied one leaves its running rollout alone.
/// </summary>
public static class GitOpsPlanner
{
    public static IReadOnlyList<PlannedChange> Plan(IReadOnlyList<DesiredManifest> desired, IReadOnlyDictionary<string, AppliedManifest> applied)
    {
        var changes = new List<PlannedChange>();
        var valid = desired.Where(d => d.Outcome == ManifestOutcome.Valid).GroupBy(d => d.Name!, StringComparer.Ordinal).ToList();
        foreach (var group in valid)
        {
            // Two files naming one deployment: the first (by path) wins, as the status of the other says.
            var wanted = group.First();
            changes.Add(Decide(group.Key, wanted, applied.GetValueOrDefault(group.Key)));
        }

        // A name whose file is still there but unreadable or denied is held, not aborted.
        var held = desired.Where(d => d.Outcome != ManifestOutcome.Valid).Select(d => d.Path).ToHashSet(StringComparer.Ordinal);
        var named = valid.Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var gone in applied.Values.Where(a => !named.Contains(a.Name) && !held.Contains(a.Path)).OrderBy(a => a.Name, StringComparer.Ordinal))
        {
            changes.Add(new(gone.Name, ChangeKind.Abort, null, gone, $"manifest {gone.Path} was deleted"));
        }

        return changes;
    }

    private static PlannedChange Decide(string name, DesiredManifest wanted, AppliedManifest? running)
    {
        var definition = wanted.Definition!;
        if (running is null)
        {
            return new(name, ChangeKind.Start, wanted, null, $"new manifest {wanted.Path}");
        }

        var current = running.Definition;
        if (running.Yaml == wanted.Yaml)
        {
            return new(name, ChangeKind.Keep, wanted, running, "unchanged");
        }

        if (definition.ModelId == current.ModelId && definition.TargetVersion == current.TargetVersion && definition.PreviousVersion == current.PreviousVersion)
        {
            return new(name, ChangeKind.Revise, wanted, running, $"{wanted.Path} changed its rollout of {definition.Target}");
        }

        if (definition.ModelId == current.ModelId && definition.TargetVersion == current.PreviousVersion && !running.DeploymentFinished)
        {
            return new(name, ChangeKind.Rollback, wanted, running, $"{wanted.Path} asks for {current.PreviousVersion} again: rolling {current.TargetVersion} back");
        }

        return new(name, ChangeKind.Replace, wanted, running, $"{wanted.Path} moves {current.ModelId} {current.TargetVersion} to {definition.ModelId} {definition.TargetVersion}");
    }
}
