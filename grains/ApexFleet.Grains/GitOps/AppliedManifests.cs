using ApexFleet.Abstractions.Deployments;
using ApexFleet.Domain.GitOps;
using ApexFleet.Domain.Manifests;
using ApexFleet.Domain.Rollout;

namespace ApexFleet.Grains.GitOps;

/// <summary>What the reconciler gave the fleet, as the planner compares it with the branch.</summary>
public static class AppliedManifests
{
    /// <summary>The applied records with their definitions and whether their rollouts have finished.</summary>
    public static async Task<Dictionary<string, AppliedManifest>> ReadAsync(IGrainFactory grains, IEnumerable<AppliedRecord> records)
    {
        var applied = new Dictionary<string, AppliedManifest>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            RolloutDefinition definition;
            try
            {
                definition = DeploymentManifest.Parse(record.Path, record.Yaml);
            }
            catch (ManifestException)
            {
                // Applied under an older parser that read it: left alone rather than taken for deleted.
                continue;
            }

            var status = await grains.GetGrain<IDeploymentGrain>(record.DeploymentId).GetStatus();
            applied[record.Name] = new AppliedManifest(record.Name, record.Path, record.DeploymentId, record.Generation, record.Yaml, definition, status.IsFinal);
        }

        return applied;
    }
}
