using ApexFleet.Abstractions.Cohorts;
using ApexFleet.Abstractions.Deployments;
using ApexFleet.Abstractions.Fleet;
using ApexFleet.Abstractions.GitOps;

namespace ApexFleet.Grains.GitOps;

/// <summary>
/// Devices on a version of a followed model that no manifest wants (neither the rollout's new nor its
/// previous version), per cohort, from the cohorts' installed variants.
/// </summary>
public static class FleetDrift
{
    public static async Task<List<CohortDrift>> FindAsync(IGrainFactory grains, Dictionary<string, AppliedRecord> applied)
    {
        var wanted = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var record in applied.Values)
        {
            var rollout = await grains.GetGrain<IDeploymentGrain>(record.DeploymentId).GetStatus();
            var versions = wanted.TryGetValue(rollout.Model, out var known) ? known : wanted[rollout.Model] = new(StringComparer.Ordinal);
            versions.Add(rollout.TargetVersion);
            versions.Add(rollout.PreviousVersion);
        }

        if (wanted.Count == 0)
        {
            return [];
        }

        var drift = new List<CohortDrift>();
        foreach (var cohort in await grains.GetGrain<IFleetDirectoryGrain>(0).GetCohorts())
        {
            var snapshot = await grains.GetGrain<ICohortGrain>(cohort).GetSnapshot();
            drift.AddRange(Unwanted(snapshot, wanted));
        }

        return drift;
    }

    /// <summary>Variant keys read <c>model@version/precision</c>; each variant's devices are counted once.</summary>
    private static IEnumerable<CohortDrift> Unwanted(CohortSnapshot snapshot, Dictionary<string, HashSet<string>> wanted) =>
        snapshot.Variants
            .DistinctBy(v => v.Variant)
            .Select(v => (Key: v.Variant.Split('/')[0].Split('@'), v.InstalledDevices))
            .Where(v => v.Key.Length == 2 && v.InstalledDevices > 0 && wanted.TryGetValue(v.Key[0], out var versions) && !versions.Contains(v.Key[1]))
            .GroupBy(v => (Model: v.Key[0], Version: v.Key[1]))
            .Select(g => new CohortDrift(snapshot.Cohort, g.Key.Model, g.Key.Version, g.Sum(v => v.InstalledDevices)));
}
