namespace ApexFleet.Domain.FinOps;

/// <summary>
/// What the whole rollout will cost, forecast from what the stages so far measured: egress to every
/// phone it will reach, cloud fall-backs while it rolls out (at the stages' planned exposure), and the
/// monthly run-rate once everyone runs it. Each with its 95 % interval; null parts had nothing to go on.
/// </summary>
public sealed record CostForecast(
    Estimate EgressUsd,
    Estimate FallbackRate,
    Estimate RolloutFallbackUsd,
    Estimate MonthlyUsd,
    double MonthlyEnergyUsd,
    double ReachDevices,
    double BytesPerDevice,
    long InstallsMeasured,
    long InferencesMeasured,
    double DeltaShare)
{
    public Estimate RolloutUsd => EgressUsd + RolloutFallbackUsd;

    /// <summary>Fall-back cost at a given volume of inferences on the new version.</summary>
    public Estimate FallbackUsdAt(double inferences, CostModel model) => FallbackRate.Times(inferences / 1000 * model.FallbackUsdPer1k);

    public string Describe() =>
        $"rollout {RolloutUsd} (egress {EgressUsd.Value:0.00}, fall-backs {RolloutFallbackUsd.Value:0.00}), monthly {MonthlyUsd}; " +
        $"from {InstallsMeasured} installs ({BytesPerDevice / 1e6:0.00} MB a phone, {DeltaShare:P0} as deltas) and " +
        $"{InferencesMeasured} inferences ({FallbackRate.Value:P2} to the cloud), for {ReachDevices:0} phones";
}
