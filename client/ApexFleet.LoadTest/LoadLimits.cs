namespace ApexFleet.LoadTest;

/// <summary>
/// How much a load test may send: enough for the 10,000-agent goal with headroom, little enough that
/// a slip of the keyboard cannot keep a shared machine busy for a day.
/// </summary>
public static class LoadLimits
{
    public const int MaxAgents = 100_000;

    public const int MaxConnections = 64;

    public static readonly TimeSpan MaxDuration = TimeSpan.FromHours(1);

    /// <summary>Reports in flight per connection at most: enough to keep a silo busy, few enough to see queueing in the latency.</summary>
    public const int MaxInFlight = 10_000;
}
