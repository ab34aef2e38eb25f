using ApexFleet.Domain.Rollout;
using ApexFleet.Domain.Telemetry;

namespace ApexFleet.Domain.Fleet;

/// <summary>
/// What devices added to one cohort: devices that joined, how many run each variant (keyed by
/// <see cref="ModelRef.Key"/>), and the evidence each deployment gathered per variant. Evidence
/// belongs to the deployment whose assignment the device followed, so a new deployment starts from
/// none even when the same versions ran before. A silo's devices fill one per cohort between
/// flushes, and the cohort keeps the running total in one: the same sums either way.
/// </summary>
public sealed class CohortTally
{
    public long DevicesJoined { get; set; }

    /// <summary>Devices running each variant now; a delta's count may be negative (devices left).</summary>
    public Dictionary<string, long> Installed { get; init; } = new(StringComparer.Ordinal);

    public Dictionary<EvidenceKey, VariantMetrics> Evidence { get; init; } = [];

    /// <summary>What <paramref name="deployment"/> measured of a variant, with how many devices run it now; empty when nothing yet.</summary>
    public VariantMetrics EvidenceOf(string deployment, string variantKey)
    {
        var metrics = Evidence.TryGetValue(new EvidenceKey(deployment, variantKey), out var measured) ? measured.Clone() : new VariantMetrics();
        metrics.InstalledDevices = Installed.GetValueOrDefault(variantKey);
        return metrics;
    }

    /// <summary>Applies what one device changed: the cohort's side of every device decision is here.</summary>
    public void Add(in CohortContribution change)
    {
        if (change.Joined)
        {
            DevicesJoined++;
        }

        if (change.Left is { } left)
        {
            Install(left.Key, -1);
        }

        if (change.Arrived is { } arrived)
        {
            Install(arrived.Key, 1);
        }

        if (change.Attempted is { } attempted)
        {
            ref var counters = ref Of(change.Deployment, attempted).Counters;
            counters.InstallAttempts++;
            counters.InstallFailures += change.AttemptFailed ? 1 : 0;
        }

        if (change.Measured is { } running)
        {
            Of(change.Deployment, running).Record(change.Counters, change.Group, change.LatenciesMs ?? [], change.OutputHistogram ?? []);
        }
    }

    public void Merge(CohortTally other)
    {
        DevicesJoined += other.DevicesJoined;
        foreach (var (key, count) in other.Installed)
        {
            Install(key, count);
        }

        foreach (var (key, metrics) in other.Evidence)
        {
            if (Evidence.TryGetValue(key, out var existing))
            {
                existing.Merge(metrics);
            }
            else
            {
                Evidence[key] = metrics.Clone();
            }
        }
    }

    private void Install(string variantKey, long change) =>
        Installed[variantKey] = Installed.GetValueOrDefault(variantKey) + change;

    private VariantMetrics Of(string? deployment, ModelRef variant)
    {
        var key = new EvidenceKey(deployment ?? EvidenceKey.Unassigned, variant.Key);
        if (!Evidence.TryGetValue(key, out var metrics))
        {
            metrics = new VariantMetrics();
            Evidence[key] = metrics;
        }

        return metrics;
    }
}

/// <summary>Whose evidence: a deployment and a variant key.</summary>
public readonly record struct EvidenceKey(string Deployment, string Variant)
{
    /// <summary>Reports of a model no rollout is assigning: the fleet's own, no deployment's.</summary>
    public const string Unassigned = "";
}

/// <summary>
/// One device's change to its cohort. <see cref="Arrived"/> is the variant now installed (at
/// enrolment or when an install lands), <see cref="Left"/> the one it replaced; <see cref="Attempted"/>
/// an install tried; <see cref="Measured"/> the variant the report's measurements belong to.
/// Attempts and measurements are evidence of <see cref="Deployment"/>, the rollout the device followed.
/// </summary>
public readonly record struct CohortContribution(
    bool Joined = false,
    ModelRef? Left = null,
    ModelRef? Arrived = null,
    ModelRef? Attempted = null,
    bool AttemptFailed = false,
    ModelRef? Measured = null,
    TelemetryCounters Counters = default,
    string Group = "",
    float[]? LatenciesMs = null,
    int[]? OutputHistogram = null,
    string? Deployment = null)
{
    public bool IsEmpty => !Joined && Left is null && Arrived is null && Attempted is null && Measured is null;
}
