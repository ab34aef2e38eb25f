using ApexFleet.Abstractions.Registry;
using ApexFleet.Domain.Pareto;
using ApexFleet.Domain.Registry;
using ApexFleet.Domain.Rollout;

namespace ApexFleet.Grains.Deployments;

/// <summary>Where a cohort's variant choice starts: the priors its starter gave, else the registry's benchmarks.</summary>
public sealed partial class DeploymentGrain
{
    private async Task<Func<string, IReadOnlyList<VariantPrior>>> PriorsAsync(RolloutDefinition definition)
    {
        if (State.Priors.Count > 0)
        {
            return cohort => [.. State.Priors.Where(p => p.Cohort == cohort).Select(p => p.ToPrior())];
        }

        // A live fleet has no catalogue: the signed manifests of the version carry what it measured offline.
        var artifacts = await GrainFactory.GetGrain<IModelRegistryGrain>(definition.ModelId).GetArtifacts();
        var manifests = artifacts.Select(a => a.Manifest).ToList();
        return cohort => BenchmarkPriors.For(cohort, definition.TargetVersion, manifests);
    }
}
