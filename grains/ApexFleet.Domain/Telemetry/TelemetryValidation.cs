using ApexFleet.Domain.Devices;

namespace ApexFleet.Domain.Telemetry;

/// <summary>
/// Checks a report before anything of it is stored: a phone with a broken clock or a buggy agent
/// must not poison a cohort's statistics. Returns the first problem found, or null.
/// </summary>
/// <remarks>Every problem here is <see cref="RejectionReason.InvalidValue"/> but one, whose rule spans two fields.</remarks>
public static class TelemetryValidation
{
    public const double MaxLatencyMs = 600_000;
    public const int MaxLatenciesPerReport = 100_000;

    public static (RejectionReason Reason, string Message)? Problem(in DeviceReading reading)
    {
        if (reading.Sequence <= 0)
        {
            return (RejectionReason.InvalidValue, $"sequence must be positive (got {reading.Sequence})");
        }

        var latencies = reading.LatenciesMs;
        if (latencies.Length > MaxLatenciesPerReport)
        {
            return (RejectionReason.InvalidValue, $"latenciesMs has {latencies.Length} values; at most {MaxLatenciesPerReport} per report");
        }

        if (latencies.Length > 0 && reading.Running is null)
        {
            return (RejectionReason.InvalidValue, "latenciesMs given but no running model named");
        }

        for (var i = 0; i < latencies.Length; i++)
        {
            var value = latencies[i];
            if (!float.IsFinite(value) || value < 0 || value > MaxLatencyMs)
            {
                return (RejectionReason.InvalidValue, $"latenciesMs[{i}] = {value} is not a latency between 0 and {MaxLatencyMs} ms");
            }
        }

        var histogram = reading.OutputHistogram;
        if (histogram.Length is not 0 and not OutputScores.Bins)
        {
            return (RejectionReason.InvalidValue, $"outputHistogram has {histogram.Length} bins; expected {OutputScores.Bins} or none");
        }

        if (Array.FindIndex(histogram, c => c < 0) is var bad and >= 0)
        {
            return (RejectionReason.InvalidValue, $"outputHistogram[{bad}] = {histogram[bad]} is negative");
        }

        if (reading.Counters.Conversions > reading.Counters.Sessions)
        {
            return (RejectionReason.InvalidValue, $"conversions = {reading.Counters.Conversions} exceeds sessions = {reading.Counters.Sessions}");
        }

        if (reading.Counters.Crashes > latencies.Length)
        {
            return (RejectionReason.CrashesExceedInferences,
                $"crashes = {reading.Counters.Crashes} exceeds the report's {latencies.Length} inferences (one per latency); a crash ends an inference");
        }

        return reading.Counters.ProblemInReport() is { } problem ? (RejectionReason.InvalidValue, problem) : null;
    }
}
