namespace ApexFleet.Domain.Statistics;

/// <summary>
/// One phone's own latency quantiles: the DDSketch mapping at 5% relative accuracy, with counts
/// held densely from the lowest occupied bucket.
/// </summary>
/// <remarks>
/// A million device grains each keep one, so size rules: a phone's latencies span a few dozen 1%
/// buckets but only a handful of 5% ones, and one int array with an offset replaces two sparse
/// arrays. The coarser buckets cost nothing real: a phone's p99 over a few hundred samples moves by
/// more than 5% from sampling alone, and what gates judge is the cohort's 1% <see cref="QuantileSketch"/>.
/// </remarks>
public sealed class CoarseQuantileSketch
{
    public const double RelativeAccuracy = 0.05;

    public static readonly LogarithmicMapping Mapping = new(RelativeAccuracy);

    private int[] _counts = [];

    /// <summary>The bucket index of <see cref="Counts"/>[0]. Settable for storage and wire mapping.</summary>
    public int Offset { get; set; }

    /// <summary>Counts of buckets Offset, Offset + 1, …; a bucket saturates at int.MaxValue.</summary>
    public int[] Counts
    {
        get => _counts;
        set => _counts = value;
    }

    public long ZeroCount { get; set; }

    public long Count => Buckets.Total;

    public bool IsEmpty => Count == 0;

    private DenseBuckets Buckets => new(ZeroCount, Offset, _counts);

    public void Add(double value, long count = 1)
    {
        LogarithmicMapping.Check(value, count);
        if (count == 0)
        {
            return;
        }

        if (value <= LogarithmicMapping.MinIndexableValue)
        {
            ZeroCount += count;
            return;
        }

        var index = Mapping.IndexOf(value);
        if (_counts.Length == 0)
        {
            Offset = index;
            _counts = new int[1];
        }
        else if (index < Offset)
        {
            var grown = new int[_counts.Length + (Offset - index)];
            Array.Copy(_counts, 0, grown, Offset - index, _counts.Length);
            _counts = grown;
            Offset = index;
        }
        else if (index - Offset >= _counts.Length)
        {
            Array.Resize(ref _counts, index - Offset + 1);
        }

        ref var bucket = ref _counts[index - Offset];
        bucket = (int)Math.Min(bucket + count, int.MaxValue);
    }

    /// <summary>
    /// The q-quantile (0 ≤ q ≤ 1), using the lower rank q·(n−1) like <see cref="QuantileSketch"/>;
    /// NaN when empty.
    /// </summary>
    public double Quantile(double q) => SketchQuantile.Of(Buckets, Mapping, q);
}
