using ApexFleet.Abstractions.Deployments;
using ApexFleet.Domain.GitOps;
using ApexFleet.Domain.Rollout;

namespace ApexFleet.Grains.Deployments;

/// <summary>Revisions: a changed manifest for the same model and versions, taken by the running rollout.</summary>
public sealed partial class DeploymentGrain
{
    private const string Revised = "Revise";

    public async Task<RolloutStatus> Revise(string manifestYaml, string source, string actor, string why)
    {
        var revised = ParseForCaller(source, manifestYaml, State.Fleet);

        var current = Definition();
        if (State.ManifestYaml == manifestYaml)
        {
            return await GetStatus();
        }

        if (revised.ModelId != current.ModelId || revised.TargetVersion != current.TargetVersion || revised.PreviousVersion != current.PreviousVersion)
        {
            throw new InvalidOperationException(
                $"deployment '{Id}' rolls out {current.Target}; {revised.Target} from {revised.PreviousVersion} is not a revision: start it as a new rollout superseding '{Id}'");
        }

        var diff = ManifestRevision.Describe(current, revised);
        var before = State.ToRolloutState();
        _definition = revised;
        State.ManifestYaml = manifestYaml;
        State.Source = source;

        // Where the rollout stands is kept; with fewer stages it stands at the new last one. A new
        // epoch makes the fleet take the new stage's share.
        State.Take(before.Next(s => s with { StageIndex = Math.Min(s.StageIndex, revised.Stages.Count - 1) }));
        State.LastAuditedHold = null;
        Record(WallNow, Revised, actor, $"{why}: {diff}", [], []);
        await SaveAsync();
        if (!State.Phase.IsFinal())
        {
            await PublishAsync();
        }

        return await GetStatus();
    }
}
