namespace ApexFleet.Domain.Statistics;

/// <summary>
/// A sketch's bucket counts as <see cref="SketchQuantile"/> reads them: positions in ascending bucket
/// order, each with its bucket index under the sketch's <see cref="LogarithmicMapping"/> and its count.
/// </summary>
/// <remarks>
/// Implemented by structs over the sketches' own arrays, so the generic walk is compiled once per
/// layout: no boxing, no copying, nothing allocated.
/// </remarks>
internal interface ISketchBuckets
{
    /// <summary>Values at or below <see cref="LogarithmicMapping.MinIndexableValue"/>; they read as 0.</summary>
    long ZeroCount { get; }

    /// <summary>Every value the sketch holds, the zero bucket's included.</summary>
    long Total { get; }

    int Length { get; }

    int IndexAt(int position);

    long CountAt(int position);
}

/// <summary><see cref="QuantileSketch"/>'s layout: occupied bucket indexes and their counts, side by side.</summary>
internal readonly struct SparseBuckets(long zeroCount, int[] keys, long[] counts) : ISketchBuckets
{
    public long ZeroCount => zeroCount;

    public long Total => zeroCount + counts.Sum();

    public int Length => keys.Length;

    public int IndexAt(int position) => keys[position];

    public long CountAt(int position) => counts[position];
}

/// <summary><see cref="CoarseQuantileSketch"/>'s layout: a count for every bucket from <c>offset</c> up.</summary>
internal readonly struct DenseBuckets(long zeroCount, int offset, int[] counts) : ISketchBuckets
{
    public long ZeroCount => zeroCount;

    public long Total
    {
        get
        {
            var total = zeroCount;
            foreach (var count in counts)
            {
                total += count;
            }

            return total;
        }
    }

    public int Length => counts.Length;

    public int IndexAt(int position) => offset + position;

    public long CountAt(int position) => counts[position];
}
