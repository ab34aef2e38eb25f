namespace ApexFleet.LoadTest.Statistics;

/// <summary>
/// What a load test measured, as the table and <c>--json</c> show it. Throughput counts reports the
/// devices accepted over the measured time (enrolment excluded); latency is the report round-trip.
/// </summary>
public sealed record LoadResult
{
    public required string Transport { get; init; }
    public required string Target { get; init; }
    public required int Agents { get; init; }
    public required int Connections { get; init; }
    public required bool Inference { get; init; }
    public required double IntervalSeconds { get; init; }
    public required double MeasuredSeconds { get; init; }
    public required long Enrolled { get; init; }
    public required long Sent { get; init; }
    public required long Accepted { get; init; }
    public required long Rejected { get; init; }
    public required long Errors { get; init; }
    public required IReadOnlyDictionary<string, long> ErrorsByKind { get; init; }
    public required LatencySummary Latency { get; init; }
    public required IReadOnlyList<LoadInterval> Intervals { get; init; }

    /// <summary>Accepted reports per second over the measured time.</summary>
    public double AcceptedPerSecond => MeasuredSeconds > 0 ? Accepted / MeasuredSeconds : 0;

    public bool Clean => Errors == 0 && Rejected == 0;
}
