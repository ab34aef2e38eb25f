using ApexFleet.Domain.Fleet;
using ApexFleet.Domain.Telemetry;

namespace ApexFleet.Domain.FinOps;

/// <summary>
/// What one cohort spent on one variant of one of a rollout's versions: taken from the counters the
/// cohort already adds up, so counting spend costs the device nothing.
/// </summary>
public sealed record CostLine(
    string Cohort,
    Precision Variant,
    SpendRole Role,
    long BytesFull,
    long BytesDelta,
    long CloudFallbacks,
    long Inferences,
    double EnergyMillijoules,
    long InstalledDevices,
    long InstallAttempts,
    long InstallFailures = 0,
    PhoneSpread Spread = default)
{
    public static CostLine From(string cohort, Precision variant, SpendRole role, in TelemetryCounters counters, long installedDevices) =>
        new(cohort, variant, role, counters.BytesDownloadedFull, counters.BytesDownloadedDelta, counters.CloudFallbacks,
            counters.Inferences, counters.EnergyMillijoules, installedDevices, counters.InstallAttempts, counters.InstallFailures, counters.PhoneSpread);

    public long Bytes => BytesFull + BytesDelta;

    public long Installs => InstallAttempts - InstallFailures;

    public bool IsEmpty => Bytes == 0 && CloudFallbacks == 0 && Inferences == 0 && InstallAttempts == 0;

    public CostBreakdown Price(CostModel model) =>
        new(model.EgressUsd(Bytes), model.FallbackUsd(CloudFallbacks), model.EnergyUsd(EnergyMillijoules));
}
