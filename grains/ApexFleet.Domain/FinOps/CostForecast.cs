namespace ApexFleet.Domain.FinOps;

/// <summary>
/// What the whole rollout will cost, forecast from what the stages so far measured: egress to every
/// phone it will reach, cloud fall-backs while it rolls out (those spent, and the stages' planned
/// phone-hours still to run at the measured volume per phone-hour), and the
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
    double DeltaShare,
    double InferencesPerDeviceHour = 0,
    double DeviceHoursMeasured = 0,
    double SpentFallbackUsd = 0)
{
    public Estimate RolloutUsd => EgressUsd + RolloutFallbackUsd;

    public string Describe() =>
        $"rollout {RolloutUsd} (egress {EgressUsd.Value:0.00}, fall-backs {RolloutFallbackUsd.Value:0.00}), monthly {MonthlyUsd}; " +
        $"from {InstallsMeasured} installs ({BytesPerDevice / 1e6:0.00} MB a phone, {DeltaShare:P0} as deltas) and " +
        $"{InferencesMeasured} inferences ({FallbackRate.Value:P2} to the cloud, {InferencesPerDeviceHour:0.#} a phone-hour), for {ReachDevices:0} phones";
}
