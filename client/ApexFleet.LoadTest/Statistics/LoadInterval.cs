namespace ApexFleet.LoadTest.Statistics;

/// <summary>One sampling interval of a run: when it ended, how long it lasted, what was sent and how it went.</summary>
public sealed record LoadInterval(double AtSeconds, double Seconds, int ActiveAgents, long Accepted, long Rejected, long Errors, LatencySummary Latency)
{
    /// <summary>Reports the devices took per second in this interval.</summary>
    public double AcceptedPerSecond => Seconds > 0 ? Accepted / Seconds : 0;
}
