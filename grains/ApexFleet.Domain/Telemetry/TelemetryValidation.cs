namespace ApexFleet.Domain.Telemetry;

/// <summary>
/// Checks a report before anything of it is stored: a phone with a broken clock or a buggy agent
/// must not poison a cohort's statistics. Returns the first problem found, or null.
/// </summary>
public static class TelemetryValidation
{
    public const double MaxLatencyMs = 600_000;
    public const int MaxLatenciesPerReport = 100_000;

    public static string? Problem(in DeviceReading reading)
    {
        if (reading.Sequence <= 0)
        {
            return $"sequence must be positive (got {reading.Sequence})";
        }

        var latencies = reading.LatenciesMs;
        if (latencies.Length > MaxLatenciesPerReport)
        {
            return $"latenciesMs has {latencies.Length} values; at most {MaxLatenciesPerReport} per report";
        }

        if (latencies.Length > 0 && reading.Running is null)
        {
            return "latenciesMs given but no running model named";
        }

        for (var i = 0; i < latencies.Length; i++)
        {
            var value = latencies[i];
            if (!float.IsFinite(value) || value < 0 || value > MaxLatencyMs)
            {
                return $"latenciesMs[{i}] = {value} is not a latency between 0 and {MaxLatencyMs} ms";
            }
        }

        var histogram = reading.OutputHistogram;
        if (histogram.Length is not 0 and not OutputScores.Bins)
        {
            return $"outputHistogram has {histogram.Length} bins; expected {OutputScores.Bins} or none";
        }

        if (Array.FindIndex(histogram, c => c < 0) is var bad and >= 0)
        {
            return $"outputHistogram[{bad}] = {histogram[bad]} is negative";
        }

        if (reading.Counters.Conversions > reading.Counters.Sessions)
        {
            return $"conversions = {reading.Counters.Conversions} exceeds sessions = {reading.Counters.Sessions}";
        }

        return reading.Counters.ProblemInReport();
    }
}
