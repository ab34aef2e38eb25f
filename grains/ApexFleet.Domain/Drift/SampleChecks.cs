namespace ApexFleet.Domain.Drift;

/// <summary>Input checks the two-sample tests share.</summary>
internal static class SampleChecks
{
    public static void RequireFinite(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        if (x.Count == 0 || y.Count == 0)
        {
            throw new ArgumentException("both samples need at least one value");
        }

        if (x.Any(v => !double.IsFinite(v)) || y.Any(v => !double.IsFinite(v)))
        {
            throw new ArgumentException("samples must be finite numbers");
        }
    }

    /// <summary>Whether any value occurs twice, within or across the samples: exact rank distributions assume not.</summary>
    public static bool HasTies(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        var seen = new HashSet<double>();
        return x.Concat(y).Any(v => !seen.Add(v));
    }
}
