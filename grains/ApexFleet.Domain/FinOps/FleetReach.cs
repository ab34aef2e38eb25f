namespace ApexFleet.Domain.FinOps;

/// <summary>
/// How many phones the whole rollout will reach: the fleet the deployment was sized for, less the
/// share of enrolled phones its targeting leaves alone or whose cohort was rolled back.
/// </summary>
/// <param name="ReachableByCohort">Per cohort, the enrolled phones the rollout will reach: the weights a fleet-wide rate is stratified by.</param>
public sealed record FleetReach(long FleetDevices, long Enrolled, long NotTargeted, long InExcludedCohorts, IReadOnlyDictionary<string, long>? ReachableByCohort = null)
{
    public double Devices => Enrolled <= 0
        ? FleetDevices
        : FleetDevices * Math.Max(0, Enrolled - NotTargeted - InExcludedCohorts) / (double)Enrolled;

    /// <summary>Fleet phones per enrolled phone: what the enrolled phones spent, extrapolated to the fleet.</summary>
    public double Scale => Enrolled <= 0 ? 1 : FleetDevices / (double)Enrolled;
}
