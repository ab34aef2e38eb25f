using ApexFleet.Abstractions.Cohorts;
using ApexFleet.Abstractions.Deployments;
using ApexFleet.Abstractions.Fleet;
using ApexFleet.Domain.Rollout;

namespace ApexFleet.Grains.Deployments;

/// <summary>What the rollout reads from its cohorts: the evidence its gates judge and the phones on each version.</summary>
public sealed partial class DeploymentGrain
{
    /// <summary>Per cohort: what the new version measured, and what devices still on the previous one did.</summary>
    private async Task<(Dictionary<string, VariantMetrics> Target, Dictionary<string, VariantMetrics> Baseline)> ReadMetricsAsync(RolloutDefinition definition)
    {
        var cohorts = await GrainFactory.GetGrain<IFleetDirectoryGrain>(0).GetCohorts();
        var baselineKey = definition.Previous.Key;
        var reads = cohorts.Select(async c =>
        {
            var cohort = GrainFactory.GetGrain<ICohortGrain>(c);
            return (Cohort: c, Target: await cohort.GetEvidence(Id, definition.TargetFor(c, State.VariantByCohort).Key), Baseline: await cohort.GetEvidence(Id, baselineKey));
        });
        var results = await Task.WhenAll(reads);
        var target = results
            .Where(r => r.Target.IsActive)
            .ToDictionary(r => r.Cohort, r => r.Target, StringComparer.Ordinal);
        var baseline = results
            .Where(r => r.Baseline.HasReports)
            .ToDictionary(r => r.Cohort, r => r.Baseline, StringComparer.Ordinal);
        return (target, baseline);
    }

    private async Task<IReadOnlyList<CohortExposure>> ReadExposureAsync(RolloutDefinition definition)
    {
        var cohorts = await GrainFactory.GetGrain<IFleetDirectoryGrain>(0).GetCohorts();
        var reads = cohorts.Select(async c =>
        {
            var snapshot = await GrainFactory.GetGrain<ICohortGrain>(c).GetSnapshot();
            // Whatever the precision: a cohort may have moved variants between stages.
            return new CohortExposure(
                c,
                snapshot.Devices,
                snapshot.DevicesOn(definition.ModelId, definition.TargetVersion),
                snapshot.DevicesOn(definition.ModelId, definition.PreviousVersion),
                State.ExcludedCohorts.Contains(c),
                snapshot.NotTargetedBy(Id));
        });
        return await Task.WhenAll(reads);
    }
}
