namespace ApexFleet.Grains.Deployments;

/// <summary>Drift on this rollout's model, as the GitOps reconciler saw it: audited, decided nowhere else.</summary>
public sealed partial class DeploymentGrain
{
    private const string DriftDecision = "Drift";

    public async Task RecordDrift(string actor, string what)
    {
        Definition();
        Record(WallNow, DriftDecision, actor, what, [], []);
        await SaveAsync();
    }
}
