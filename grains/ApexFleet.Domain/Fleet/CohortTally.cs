using ApexFleet.Domain.Fairness;
using ApexFleet.Domain.Rollout;
using ApexFleet.Domain.Telemetry;

namespace ApexFleet.Domain.Fleet;

/// <summary>
/// What devices added to one cohort: devices that joined and per-variant metrics keyed by
/// <see cref="ModelRef.Key"/>. A silo's devices fill one per cohort between flushes, and the cohort
/// keeps the running total in one: the same sums either way.
/// </summary>
public sealed class CohortTally
{
    public long DevicesJoined { get; set; }

    public Dictionary<string, VariantMetrics> Variants { get; init; } = new(StringComparer.Ordinal);

    public bool IsEmpty => DevicesJoined == 0 && Variants.Count == 0;

    public VariantMetrics Variant(ModelRef model) => Variant(model.Key);

    public VariantMetrics Variant(string key)
    {
        if (!Variants.TryGetValue(key, out var metrics))
        {
            metrics = new VariantMetrics();
            Variants[key] = metrics;
        }

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
            Variant(left).InstalledDevices--;
        }

        if (change.Arrived is { } arrived)
        {
            Variant(arrived).InstalledDevices++;
        }

        if (change.Attempted is { } attempted)
        {
            ref var counters = ref Variant(attempted).Counters;
            counters.InstallAttempts++;
            counters.InstallFailures += change.AttemptFailed ? 1 : 0;
        }

        if (change.Measured is { } running)
        {
            Variant(running).Record(change.Counters, change.Group, change.Outcomes, change.LatenciesMs ?? [], change.OutputHistogram ?? []);
        }
    }

    public void Merge(CohortTally other)
    {
        DevicesJoined += other.DevicesJoined;
        foreach (var (key, metrics) in other.Variants)
        {
            if (Variants.TryGetValue(key, out var existing))
            {
                existing.Merge(metrics);
            }
            else
            {
                Variants[key] = metrics.Clone();
            }
        }
    }
}

/// <summary>
/// One device's change to its cohort. <see cref="Arrived"/> is the variant now installed (at
/// enrolment or when an install lands), <see cref="Left"/> the one it replaced; <see cref="Attempted"/>
/// an install tried; <see cref="Measured"/> the variant the report's measurements belong to.
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
    ConfusionCounts Outcomes = default,
    float[]? LatenciesMs = null,
    int[]? OutputHistogram = null)
{
    public bool IsEmpty => !Joined && Left is null && Arrived is null && Attempted is null && Measured is null;
}
