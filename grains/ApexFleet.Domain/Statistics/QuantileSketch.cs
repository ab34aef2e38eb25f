namespace ApexFleet.Domain.Statistics;

/// <summary>
/// A mergeable quantile sketch with a fixed 1% relative-accuracy guarantee (the DDSketch idea:
/// logarithmic buckets). Every sketch in the fleet uses the same bucket mapping, so a device's
/// sketch, a batched delta and a cohort's aggregate merge by adding integer counts: merging is
/// exact, commutative and deterministic, whatever order batches arrive in.
/// </summary>
/// <remarks>
/// Buckets are two sorted arrays rather than a dictionary: a million device grains each hold one,
/// and a phone's latencies occupy a few dozen neighbouring buckets, so arrays cost a third of the
/// memory and new buckets are rare after the first reports.
/// </remarks>
public sealed class QuantileSketch
{
    public const double RelativeAccuracy = 0.01;

    /// <summary>Values at or below this (e.g. a 0 ms measurement) land in the zero bucket.</summary>
    public const double MinIndexableValue = LogarithmicMapping.MinIndexableValue;

    public static readonly LogarithmicMapping Mapping = new(RelativeAccuracy);

    private int[] _keys = [];
    private long[] _counts = [];

    /// <summary>Occupied bucket indexes, ascending. Settable for storage and wire mapping.</summary>
    public int[] Keys
    {
        get => _keys;
        set => _keys = value;
    }

    /// <summary>Counts of the buckets in <see cref="Keys"/>, position by position.</summary>
    public long[] Counts
    {
        get => _counts;
        set => _counts = value;
    }

    public long ZeroCount { get; set; }

    public long Count => Buckets.Total;

    public bool IsEmpty => ZeroCount == 0 && _keys.Length == 0;

    private SparseBuckets Buckets => new(ZeroCount, _keys, _counts);

    public static int IndexOf(double value) => Mapping.IndexOf(value);

    /// <summary>The representative value of bucket <paramref name="index"/>: within 1% of every value in it.</summary>
    public static double ValueOf(int index) => Mapping.ValueOf(index);

    public void Add(double value, long count = 1)
    {
        LogarithmicMapping.Check(value, count);
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
        var at = Array.BinarySearch(_keys, index);
        if (at >= 0)
        {
            _counts[at] += count;
            return;
        }

        at = ~at;
        _keys = Insert(_keys, at, index);
        _counts = Insert(_counts, at, count);
    }

    public void Merge(QuantileSketch other)
    {
        ZeroCount += other.ZeroCount;
        for (var i = 0; i < other._keys.Length; i++)
        {
            AddToBin(other._keys[i], other._counts[i]);
        }
    }

    /// <summary>
    /// The q-quantile (0 ≤ q ≤ 1), using the lower rank q·(n−1) as DDSketch does; NaN when empty.
    /// </summary>
    public double Quantile(double q) => SketchQuantile.Of(Buckets, Mapping, q);

    public QuantileSketch Clone() => new() { _keys = [.. _keys], _counts = [.. _counts], ZeroCount = ZeroCount };

    private static T[] Insert<T>(T[] array, int at, T value)
    {
        var grown = new T[array.Length + 1];
        Array.Copy(array, grown, at);
        grown[at] = value;
        Array.Copy(array, at, grown, at + 1, array.Length - at);
        return grown;
    }
}
