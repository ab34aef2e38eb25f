namespace ApexFleet.Simulator.Running;

/// <summary>One strategy's outcomes over the same simulated worlds (seeds) as the others, summed up.</summary>
public sealed record StrategySummary(
    string Strategy,
    int Runs,
    int Completed,
    double? MedianHoursTo100,
    double MeanExposedDeviceHours,
    double? MeanExposedShareAtCatch,
    double? MeanHoursToCatch,
    int FaultyRuns,
    int Caught,
    int Missed,
    int CleanRuns,
    int FalseRollbacks,
    double MeanCohortDecisions,
    IReadOnlyDictionary<string, int> RollbacksByCohort)
{
    public static StrategySummary Of(string strategy, IReadOnlyList<RunOutcome> runs)
    {
        var faulty = runs.Where(r => r.Faulty).ToList();
        var clean = runs.Where(r => !r.Faulty).ToList();
        var times = runs.Where(r => r.HoursTo100 is not null).Select(r => r.HoursTo100!.Value).Order().ToList();
        var caught = faulty.Where(r => r.RolledBackAnything).ToList();
        return new StrategySummary(
            strategy,
            runs.Count,
            times.Count,
            times.Count == 0 ? null : times[times.Count / 2],
            faulty.Count == 0 ? 0 : faulty.Average(r => r.ExposedDeviceHours),
            caught.Count == 0 ? null : caught.Average(r => r.ExposedShareAtCatch ?? 0),
            caught.Count == 0 ? null : caught.Average(r => r.HoursToCatch ?? 0),
            faulty.Count,
            caught.Count,
            faulty.Count(r => r.Missed),
            clean.Count,
            clean.Count(r => r.FalseRollback),
            runs.Count == 0 ? 0 : runs.Average(r => r.CohortDecisions),
            runs.SelectMany(r => r.CohortsRolledBack).GroupBy(c => c).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal));
    }

    /// <summary>Seeds as written on the command line: "1..50", "3,7,9" or "42".</summary>
    public static IReadOnlyList<ulong> ParseSeeds(string text)
    {
        var range = text.Split("..", StringSplitOptions.TrimEntries);
        if (range.Length == 2 && ulong.TryParse(range[0], out var first) && ulong.TryParse(range[1], out var last) && first <= last && last - first < 100_000)
        {
            return [.. Enumerable.Range(0, (int)(last - first + 1)).Select(i => first + (ulong)i)];
        }

        var list = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return list.Length > 0 && list.All(s => ulong.TryParse(s, out _))
            ? [.. list.Select(ulong.Parse)]
            : throw new FormatException($"'{text}' is not a seed list: write 1..50, 3,7,9 or 42");
    }
}
