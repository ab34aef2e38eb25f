namespace ApexFleet.Simulator.Telemetry;

/// <summary>
/// The CPU share the model feature takes while it answers, and when that breaks a rollout's limit.
/// A session is one burst: it lasts <see cref="SecondsPerAnswer"/> per inference it holds, and for
/// its length the feature holds the share of its execution unit, scaled by the phone's own speed,
/// thermal throttling, the extra work of explanations and any CPU regression. A burst breaches when
/// its share is above the limit and it lasts longer than the limit's window.
/// </summary>
public static class CpuUse
{
    /// <summary>
    /// Share of the whole CPU (percent) averaged over a burst, by the unit that runs the model; the
    /// model's own milliseconds are a small part of a burst. Assumptions (docs/REFERENCES.md#assumptions):
    /// preparing inputs and reading results costs about 2 % everywhere; driving a GPU adds a little (3 %);
    /// running the model on the CPU cores adds its own work (5 %). All below a 10 % limit with room for
    /// slow and throttled phones explaining at level low; level medium (× 1.5) pushes slow, throttled
    /// CPU-only phones over it.
    /// </summary>
    public static double PercentWhileAnswering(string unit) => unit switch
    {
        "npu" => 2,
        "gpu" => 3,
        _ => 5,
    };

    /// <summary>How long the feature stays busy per answer: fetching candidates, building features, ranking, drawing (assumption).</summary>
    public const double SecondsPerAnswer = 2;

    /// <summary>A throttled phone runs slower, so the same work takes a larger share (the telemetry model's slowdown).</summary>
    public static double Share(string unit, double speedFactor, bool throttled, double throttleSlowdown, double explanationWork, double regression) =>
        PercentWhileAnswering(unit) * speedFactor * (throttled ? throttleSlowdown : 1) * explanationWork * regression;

    public static TimeSpan BurstLength(int inferencesInSession) => TimeSpan.FromSeconds(inferencesInSession * SecondsPerAnswer);

    public static bool Breaches(double sharePercent, TimeSpan burst, double maxPercent, TimeSpan window) =>
        sharePercent > maxPercent && burst > window;
}
