namespace ApexFleet.Domain.Statistics;

/// <summary>The quantile of a logarithmic-bucket sketch, whatever its layout: one routine for both sketches.</summary>
internal static class SketchQuantile
{
    /// <summary>
    /// The q-quantile (0 ≤ q ≤ 1) at the lower rank q·(n−1), as DDSketch does: the representative value
    /// of the first bucket whose running count exceeds the rank, 0 for the zero bucket; NaN when empty.
    /// </summary>
    public static double Of<TBuckets>(in TBuckets buckets, LogarithmicMapping mapping, double q)
        where TBuckets : struct, ISketchBuckets
    {
        if (q is < 0 or > 1 || double.IsNaN(q))
        {
            throw new ArgumentOutOfRangeException(nameof(q), q, "a quantile lies between 0 and 1");
        }

        var total = buckets.Total;
        if (total == 0)
        {
            return double.NaN;
        }

        var rank = q * (total - 1);
        double seen = buckets.ZeroCount;
        if (seen > rank)
        {
            return 0;
        }

        // Empty buckets cannot lift the running count over the rank, so they are skipped.
        var last = 0;
        for (var i = 0; i < buckets.Length; i++)
        {
            var count = buckets.CountAt(i);
            if (count == 0)
            {
                continue;
            }

            last = i;
            seen += count;
            if (seen > rank)
            {
                return mapping.ValueOf(buckets.IndexAt(i));
            }
        }

        // Only reached when the running count, a double, rounds below the rank: past 2^53 values.
        return mapping.ValueOf(buckets.IndexAt(last));
    }
}
