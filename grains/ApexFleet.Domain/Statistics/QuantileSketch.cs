namespace ApexFleet.Domain.Statistics;

/// <summary>
/// A mergeable quantile sketch with a fixed 1% relative-accuracy guarantee (the DDSketch idea:
/// logarithmic buckets). Every sketch in the fleet uses the same bucket mapping, so a device's
/// sketch, a batched delta and a cohort's aggregate merge by adding integer counts: merging is
/// exact, commutative and deterministic, whatever order batches arrive in.
/// </summary>
public sealed class QuantileSketch
{
    public const double RelativeAccuracy = 0.01;

    /// <summary>Values at or below this (e.g. a 0 ms measurement) land in the zero bucket.</summary>
    public const double MinIndexableValue = 1e-6;

    private static readonly double Gamma = (1 + RelativeAccuracy) / (1 - RelativeAccuracy);
    private static readonly double LogGamma = Math.Log(Gamma);

    /// <summary>Bucket index → count. Public for storage and wire mapping.</summary>
    public Dictionary<int, long> Bins { get; set; } = [];

    public long ZeroCount { get; set; }

    public long Count => ZeroCount + Bins.Values.Sum();

    public bool IsEmpty => ZeroCount == 0 && Bins.Count == 0;

    public static int IndexOf(double value) => (int)Math.Ceiling(Math.Log(value) / LogGamma);

    /// <summary>The representative value of bucket <paramref name="index"/>: within 1% of every value in it.</summary>
    public static double ValueOf(int index) => 2 * Math.Pow(Gamma, index) / (Gamma + 1);

    public void Add(double value, long count = 1)
    {
        if (!double.IsFinite(value) || value < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "a sketch takes finite, non-negative values");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count == 0)
        {
            return;
        }

        if (value <= MinIndexableValue)
        {
            ZeroCount += count;
            return;
        }

        AddToBin(IndexOf(value), count);
    }

    public void AddToBin(int index, long count)
    {
        Bins[index] = Bins.GetValueOrDefault(index) + count;
    }

    public void Merge(QuantileSketch other)
    {
        ZeroCount += other.ZeroCount;
        foreach (var (index, count) in other.Bins)
        {
            AddToBin(index, count);
        }
    }

    /// <summary>
    /// The q-quantile (0 ≤ q ≤ 1), using the lower rank q·(n−1) as DDSketch does; NaN when empty.
    /// </summary>
    public double Quantile(double q)
    {
        if (q is < 0 or > 1 || double.IsNaN(q))
        {
            throw new ArgumentOutOfRangeException(nameof(q), q, "a quantile lies between 0 and 1");
        }

        var total = Count;
        if (total == 0)
        {
            return double.NaN;
        }

        var rank = q * (total - 1);
        double seen = ZeroCount;
        if (seen > rank)
        {
            return 0;
        }

        foreach (var index in Bins.Keys.Order())
        {
            seen += Bins[index];
            if (seen > rank)
            {
                return ValueOf(index);
            }
        }

        return ValueOf(Bins.Keys.Max());
    }

    public QuantileSketch Clone() => new() { Bins = new Dictionary<int, long>(Bins), ZeroCount = ZeroCount };
}
