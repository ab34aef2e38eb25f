using System.Globalization;

namespace ApexFleet.Domain.Rollout;

/// <summary>
/// How a fleet's use of the model rises and falls over a day: for each UTC hour, its volume relative
/// to <see cref="FleetContext.InferencesPerDevicePerHour"/>. A live fleet's analytics know it (or it
/// is taken as flat); the simulator's is its own diurnal model. A canary of a few morning hours
/// measures the morning: the cycle says what that is worth in the evening.
/// </summary>
public sealed record UsageCycle
{
    public const int Hours = 24;

    private readonly double[] _byHour;

    private UsageCycle(double[] byHour) => _byHour = byHour;

    public static readonly UsageCycle Flat = new(Enumerable.Repeat(1.0, Hours).ToArray());

    /// <summary>Hour h (UTC) covers [h:00, h+1:00).</summary>
    public IReadOnlyList<double> ByHour => _byHour;

    public double Mean => _byHour.Average();

    /// <summary>24 finite, non-negative weights, not all zero; otherwise a <see cref="FormatException"/> naming the hour.</summary>
    public static UsageCycle Of(IReadOnlyList<double> byHour)
    {
        if (byHour.Count != Hours)
        {
            throw new FormatException($"a usage cycle has one value per UTC hour, 24 in all (got {byHour.Count})");
        }

        for (var h = 0; h < Hours; h++)
        {
            if (!double.IsFinite(byHour[h]) || byHour[h] < 0)
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"usage at hour {h:00}: must be a finite number of at least 0 (got {byHour[h]})"));
            }
        }

        return byHour.Any(w => w > 0) ? new([.. byHour]) : throw new FormatException("a usage cycle must have some use in some hour (all 24 are 0)");
    }

    /// <summary>24 comma-separated numbers, 00:00 UTC first (e.g. from the app's analytics); a <see cref="FormatException"/> naming what is wrong.</summary>
    public static UsageCycle Parse(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var byHour = new double[parts.Length];
        for (var h = 0; h < parts.Length; h++)
        {
            if (!double.TryParse(parts[h], NumberStyles.Float, CultureInfo.InvariantCulture, out byHour[h]))
            {
                throw new FormatException($"usage at hour {h:00}: '{parts[h]}' is not a number");
            }
        }

        return Of(byHour);
    }

    /// <summary>
    /// Hours of use at the stated volume between two instants: each hour's overlap with [from, to)
    /// times its weight (so 1 h at a flat cycle is 1). Whole days count as whole cycles.
    /// </summary>
    public double HoursBetween(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from)
        {
            return 0;
        }

        var days = Math.Floor((to - from).TotalDays);
        var total = days * _byHour.Sum();
        var at = from.UtcDateTime.AddDays(days);
        var end = to.UtcDateTime;
        while (at < end)
        {
            var hourEnds = new DateTime(at.Year, at.Month, at.Day, at.Hour, 0, 0, DateTimeKind.Utc).AddHours(1);
            var until = hourEnds < end ? hourEnds : end;
            total += (until - at).TotalHours * _byHour[at.Hour];
            at = until;
        }

        return total;
    }

    /// <summary>
    /// The instant by which <paramref name="hours"/> hours of use at the stated volume have passed
    /// since <paramref name="from"/>: the inverse of <see cref="HoursBetween"/>. At most ten years on.
    /// </summary>
    public DateTimeOffset After(DateTimeOffset from, double hours)
    {
        const int MaxDays = 3650;
        var perDay = _byHour.Sum();
        if (!(hours > 0))
        {
            return from;
        }

        if (hours / perDay >= MaxDays)
        {
            return from.AddDays(MaxDays);
        }

        var days = Math.Floor(hours / perDay);
        var left = hours - (days * perDay);
        var at = from.UtcDateTime.AddDays(days);
        while (left > 1e-12)
        {
            var hourEnds = new DateTime(at.Year, at.Month, at.Day, at.Hour, 0, 0, DateTimeKind.Utc).AddHours(1);
            var here = (hourEnds - at).TotalHours * _byHour[at.Hour];
            if (here >= left)
            {
                return new DateTimeOffset(at.AddHours(left / _byHour[at.Hour]), TimeSpan.Zero);
            }

            left -= here;
            at = hourEnds;
        }

        return new DateTimeOffset(at, TimeSpan.Zero);
    }

    public bool Equals(UsageCycle? other) => other is not null && _byHour.AsSpan().SequenceEqual(other._byHour);

    public override int GetHashCode() => _byHour.Aggregate(0, (hash, w) => HashCode.Combine(hash, w));
}
