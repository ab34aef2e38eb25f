using ApexFleet.Abstractions.Deployments;
using ApexFleet.Abstractions.GitOps;
using ApexFleet.Domain.GitOps;
using ApexFleet.Domain.Rollout;

namespace ApexFleet.Grains.GitOps;

/// <summary>Each manifest's state after a reconciliation, from what the commit asks and where its rollout stands.</summary>
public static class GitOpsStatuses
{
    public static async Task<List<ManifestSyncStatus>> OfAsync(
        IGrainFactory grains, RepositorySnapshot commit, IReadOnlyList<DesiredManifest> desired, Dictionary<string, AppliedRecord> applied, Dictionary<string, string> failures)
    {
        var statuses = new List<ManifestSyncStatus>();
        var named = new HashSet<string>(StringComparer.Ordinal);
        foreach (var manifest in desired)
        {
            var name = manifest.Name ?? "";
            var record = applied.GetValueOrDefault(name);
            ManifestSyncStatus Status(SyncState state, IReadOnlyList<string> messages) =>
                new(manifest.Path, name, state, messages, commit.Sha, commit.Author, record?.DeploymentId ?? "");
            if (manifest.Outcome != ManifestOutcome.Valid)
            {
                statuses.Add(Status(manifest.Outcome == ManifestOutcome.Denied ? SyncState.Denied : SyncState.Invalid, manifest.Messages));
            }
            else if (!named.Add(name))
            {
                statuses.Add(Status(SyncState.Failed, [$"another manifest already names deployment '{name}'"]));
            }
            else if (failures.TryGetValue(name, out var failure))
            {
                statuses.Add(Status(SyncState.Failed, [failure]));
            }
            else if (record is null || record.Yaml != manifest.Yaml)
            {
                statuses.Add(Status(SyncState.OutOfSync, ["not applied yet"]));
            }
            else
            {
                var rollout = await grains.GetGrain<IDeploymentGrain>(record.DeploymentId).GetStatus();
                statuses.Add(Status(StateOf(rollout, manifest), [$"{rollout.DeploymentId}: {rollout.Phase} at stage '{rollout.Stage}'; {rollout.LastDecision}"]));
            }
        }

        return statuses;
    }

    private static SyncState StateOf(RolloutStatus rollout, DesiredManifest manifest) => rollout.Phase switch
    {
        RolloutPhase.Completed => SyncState.Synced,
        // Aborted back to the version this text asks for: a revert, done.
        RolloutPhase.Aborted when rollout.PreviousVersion == manifest.Definition!.TargetVersion => SyncState.Synced,
        RolloutPhase.Aborted or RolloutPhase.RolledBack => SyncState.Failed,
        _ => SyncState.Progressing,
    };
}
