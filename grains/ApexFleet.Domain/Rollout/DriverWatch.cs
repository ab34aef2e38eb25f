namespace ApexFleet.Domain.Rollout;

/// <summary>
/// What the cluster knows of the driver of a rollout started without an evaluation interval (the
/// simulator, which calls Evaluate with its own, usually simulated, clock), and whether the cluster
/// must judge the rollout itself. Pure: wall-clock times come in, no clock is read.
/// </summary>
/// <remarks>
/// When the driver falls silent, the cluster does not switch the rollout to the wall clock: a
/// simulated clock may be days behind it (every bake window would end at once) or ahead of it (no
/// bake window would end for days). The rollout's own clock goes on instead, from the driver's last
/// evaluation at the wall clock's pace: bake windows take real time from where the driver stopped,
/// the audit log stays in order, and a driver that comes back finds its clock where it left it.
/// </remarks>
/// <param name="RolloutTime">The rollout's time at the driver's last evaluation, on the driver's clock.</param>
/// <param name="EvaluatedAt">When, on the wall clock, that evaluation arrived.</param>
/// <param name="HeardAt">When, on the wall clock, the driver last said anything: an evaluation or a heartbeat.</param>
/// <param name="WatchingSince">
/// When this watch began (the rollout's activation): silence counts from here at the earliest, so
/// a driver gets a whole grace period to find a new activation after a silo went.
/// </param>
public sealed record DriverWatch(DateTimeOffset RolloutTime, DateTimeOffset EvaluatedAt, DateTimeOffset HeardAt, DateTimeOffset WatchingSince)
{
    /// <summary>Checks at least this often, however long the grace period.</summary>
    public static readonly TimeSpan LongestCheckInterval = TimeSpan.FromSeconds(5);

    /// <summary>Checks at most this often, however short the grace period.</summary>
    public static readonly TimeSpan ShortestCheckInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>A watch that starts now, the driver having just spoken, the rollout's clock reading <paramref name="rolloutTime"/>.</summary>
    public static DriverWatch From(DateTimeOffset rolloutTime, DateTimeOffset wallNow) => new(rolloutTime, wallNow, wallNow, wallNow);

    /// <summary>A watch that starts now on a new activation, the driver last evaluating at <paramref name="evaluatedAt"/>.</summary>
    public static DriverWatch Resumed(DateTimeOffset rolloutTime, DateTimeOffset evaluatedAt, DateTimeOffset wallNow) =>
        new(rolloutTime, evaluatedAt, evaluatedAt, wallNow);

    /// <summary>How often to look for silence: a quarter of the grace period, within 100 ms and 5 s.</summary>
    public static TimeSpan CheckInterval(TimeSpan grace) =>
        TimeSpan.FromTicks(Math.Clamp(grace.Ticks / 4, ShortestCheckInterval.Ticks, LongestCheckInterval.Ticks));

    /// <summary>The driver evaluated the rollout at <paramref name="rolloutTime"/> on its clock.</summary>
    public DriverWatch Evaluated(DateTimeOffset rolloutTime, DateTimeOffset wallNow) =>
        this with { RolloutTime = rolloutTime, EvaluatedAt = wallNow, HeardAt = Later(HeardAt, wallNow) };

    /// <summary>The driver said it is still there (a heartbeat between two evaluations).</summary>
    public DriverWatch Heard(DateTimeOffset wallNow) => this with { HeardAt = Later(HeardAt, wallNow) };

    /// <summary>Whether the driver has said nothing for the whole grace period (and this watch has run that long).</summary>
    public bool IsSilent(TimeSpan grace, DateTimeOffset wallNow) => wallNow - Later(HeardAt, WatchingSince) >= grace;

    /// <summary>
    /// The rollout's time at <paramref name="wallNow"/>: the driver's last evaluation time plus the
    /// wall-clock time since; never earlier than that evaluation, whatever the wall clock did.
    /// </summary>
    public DateTimeOffset RolloutTimeAt(DateTimeOffset wallNow) =>
        wallNow > EvaluatedAt ? RolloutTime + (wallNow - EvaluatedAt) : RolloutTime;

    /// <summary>What the audit log says, once, when the cluster starts judging the rollout.</summary>
    public string TakeOverReason() =>
        $"driver silent since {HeardAt:u}; the cluster judges this rollout, its clock going on from {RolloutTime:u} at wall-clock pace";

    /// <summary>What the audit log says when the driver speaks again after the cluster took over at <paramref name="since"/>.</summary>
    public static string BackReason(DateTimeOffset since) =>
        $"the driver is back and judges this rollout again (the cluster did since {since:u})";

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
