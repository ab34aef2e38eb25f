namespace ApexFleet.Domain.Rollout;

/// <summary>
/// What the model may take from the phone. CPU: a device breaches when its CPU share stays above
/// <see cref="CpuMaxPercent"/> for longer than <see cref="CpuDuration"/>; the gate allows at most
/// <see cref="AllowedBreachShare"/> of the devices to breach. Memory: the 95th percentile of the
/// devices' per-report peak memory must stay within <see cref="MemoryMaxMb"/>.
/// </summary>
public sealed record ResourceLimits(double? CpuMaxPercent, TimeSpan CpuDuration, double? MemoryMaxMb)
{
    /// <summary>Share of devices allowed to breach the CPU limit (1 %, an assumption: a limit is a limit, but one device in a hundred may run a heavier app beside ours).</summary>
    public const double AllowedBreachShare = 0.01;

    /// <summary>
    /// The gates these limits add to every stage. Memory is judged per cohort (a chipset that cannot
    /// keep within it is rolled back on its own); the CPU breach share fleet-wide, because each device
    /// counts once and a cohort's canary share of devices is too few to show a 1 % share is not exceeded.
    /// </summary>
    public IEnumerable<GateSpec> Gates(long minSamples)
    {
        if (CpuMaxPercent is not null)
        {
            yield return new GateSpec("cpu_limit_breach_share", ComparisonOperator.LessOrEqual, AllowedBreachShare, minSamples, GateScope.Fleet);
        }

        if (MemoryMaxMb is { } memory)
        {
            yield return new GateSpec("peak_memory_p95_mb", ComparisonOperator.LessOrEqual, memory, minSamples, GateScope.Cohort);
        }
    }
}
