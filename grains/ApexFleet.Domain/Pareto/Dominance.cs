namespace ApexFleet.Domain.Pareto;

/// <summary>Pareto dominance on minimised values.</summary>
public static class Dominance
{
    /// <summary>
    /// True when <paramref name="a"/> is no worse than <paramref name="b"/> in every objective and
    /// better in at least one. Equal points do not dominate each other, so duplicates share a front.
    /// </summary>
    public static bool Dominates(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"points of {a.Length} and {b.Length} objectives cannot be compared", nameof(b));
        }

        var better = false;
        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] > b[i])
            {
                return false;
            }

            better |= a[i] < b[i];
        }

        return better;
    }
}
