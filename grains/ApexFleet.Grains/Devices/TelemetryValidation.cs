using ApexFleet.Abstractions.Devices;
using ApexFleet.Domain.Rollout;

namespace ApexFleet.Grains.Devices;

/// <summary>
/// Checks a report before anything of it is stored: a phone with a broken clock or a buggy agent
/// must not poison a cohort's statistics. Returns the first problem found, or null.
/// </summary>
public static class TelemetryValidation
{
    public const double MaxLatencyMs = 600_000;
    public const double MaxMemoryMb = 1_000_000;
    public const double MaxBatteryDrainPercentPerHour = 100;
    public const int MaxLatenciesPerReport = 100_000;

    public static string? Problem(TelemetryReport report)
    {
        if (report.Sequence <= 0)
        {
            return $"sequence must be positive (got {report.Sequence})";
        }

        if (report.LatenciesMs.Length > MaxLatenciesPerReport)
        {
            return $"latenciesMs has {report.LatenciesMs.Length} values; at most {MaxLatenciesPerReport} per report";
        }

        if (report.LatenciesMs.Length > 0 && report.Running is null)
        {
            return "latenciesMs given but no running model named";
        }

        for (var i = 0; i < report.LatenciesMs.Length; i++)
        {
            var value = report.LatenciesMs[i];
            if (!float.IsFinite(value) || value < 0 || value > MaxLatencyMs)
            {
                return $"latenciesMs[{i}] = {value} is not a latency between 0 and {MaxLatencyMs} ms";
            }
        }

        if (report.OutputHistogram.Length is not 0 and not VariantMetrics.OutputBins)
        {
            return $"outputHistogram has {report.OutputHistogram.Length} bins; expected {VariantMetrics.OutputBins} or none";
        }

        if (Array.FindIndex(report.OutputHistogram, c => c < 0) is var bad and >= 0)
        {
            return $"outputHistogram[{bad}] = {report.OutputHistogram[bad]} is negative";
        }

        return Range(report.EnergyMillijoules, "energyMillijoules", 0, 1e12)
            ?? Range(report.PeakMemoryMb, "peakMemoryMb", 0, MaxMemoryMb)
            ?? Range(report.BatteryDrainPercentPerHour, "batteryDrainPercentPerHour", 0, MaxBatteryDrainPercentPerHour)
            ?? Count(report.ThermalEvents, "thermalEvents")
            ?? Count(report.Crashes, "crashes")
            ?? Count(report.TruePositives, "truePositives")
            ?? Count(report.FalsePositives, "falsePositives")
            ?? Count(report.TrueNegatives, "trueNegatives")
            ?? Count(report.FalseNegatives, "falseNegatives")
            ?? Count(report.CloudFallbacks, "cloudFallbacks")
            ?? Count(report.BytesDownloadedFull, "bytesDownloadedFull")
            ?? Count(report.BytesDownloadedDelta, "bytesDownloadedDelta");
    }

    private static string? Range(double value, string field, double min, double max) =>
        double.IsFinite(value) && value >= min && value <= max ? null : $"{field} = {value} is outside {min}..{max}";

    private static string? Count(long value, string field) => value >= 0 ? null : $"{field} = {value} is negative";
}
