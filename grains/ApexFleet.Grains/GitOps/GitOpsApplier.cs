using ApexFleet.Abstractions.Deployments;
using ApexFleet.Domain.GitOps;

namespace ApexFleet.Grains.GitOps;

/// <summary>
/// Carries out the planner's changes on the deployments, each audited as the commit. A change that
/// fails is reported for its manifest and retried on the next look; it never stops the others.
/// </summary>
public sealed class GitOpsApplier(IGrainFactory grains, Dictionary<string, AppliedRecord> applied, RepositorySnapshot commit)
{
    /// <summary>By manifest name: why its change could not be applied.</summary>
    public Dictionary<string, string> Failures { get; } = new(StringComparer.Ordinal);

    public async Task ApplyAllAsync(IEnumerable<PlannedChange> changes)
    {
        foreach (var change in changes.Where(c => c.Kind != ChangeKind.Keep))
        {
            try
            {
                await ApplyAsync(change);
            }
            catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
            {
                Failures[change.Name] = $"{change.Kind} failed: {ex.Message}";
            }
        }
    }

    private async Task ApplyAsync(PlannedChange change)
    {
        var why = $"{change.Why} (commit {commit.ShortSha} by {commit.Author}: \"{commit.Message}\")";
        switch (change.Kind)
        {
            case ChangeKind.Start:
                await StartAsync(change, generation: 1, supersedes: null);
                break;
            case ChangeKind.Replace:
                var old = change.Applied!;
                if (old.Definition.ModelId != change.Desired!.Definition!.ModelId)
                {
                    // Another model under the same name: the old one's rollout ends, the new one starts.
                    await AbortAsync(old.DeploymentId);
                }

                await StartAsync(change, old.Generation + 1, old.Definition.ModelId == change.Desired.Definition.ModelId ? old.DeploymentId : null);
                break;
            case ChangeKind.Revise:
                var desired = change.Desired!;
                await grains.GetGrain<IDeploymentGrain>(change.Applied!.DeploymentId).Revise(desired.Yaml, desired.Path, commit.Actor, why);
                applied[change.Name].Yaml = desired.Yaml;
                applied[change.Name].Path = desired.Path;
                break;
            case ChangeKind.Rollback:
                await AbortAsync(change.Applied!.DeploymentId);
                applied[change.Name].Yaml = change.Desired!.Yaml;
                break;
            case ChangeKind.Abort:
                await AbortAsync(change.Applied!.DeploymentId);
                applied.Remove(change.Name);
                break;
        }
    }

    private async Task StartAsync(PlannedChange change, int generation, string? supersedes)
    {
        var desired = change.Desired!;
        var id = generation == 1 ? change.Name : $"{change.Name}-{generation}";
        await grains.GetGrain<IDeploymentGrain>(id).Start(
            desired.Yaml, desired.Path, new StartOptions(TimeSpan.FromSeconds(5), DateTimeOffset.UtcNow, commit.Actor, Supersedes: supersedes, CostCenterCap: desired.Cap));
        applied[change.Name] = new AppliedRecord { Name = change.Name, Path = desired.Path, DeploymentId = id, Generation = generation, Yaml = desired.Yaml };
    }

    /// <summary>Aborts a rollout that still runs; one that has finished has nothing to send back.</summary>
    private async Task AbortAsync(string deploymentId)
    {
        var deployment = grains.GetGrain<IDeploymentGrain>(deploymentId);
        if (!(await deployment.GetStatus()).IsFinal)
        {
            await deployment.Abort(commit.Actor);
        }
    }
}
