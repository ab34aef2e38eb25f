namespace ApexFleet.Domain.Fairness;

/// <summary>
/// Binary confusion counts of one group (or of everyone, merged). Integer counts merge exactly and in
/// any order, so devices, batches and cohorts can add them up the way latency sketches are merged.
/// A rate with an empty denominator is NaN: a group without positive labels has no true positive
/// rate, and the aggregates skip it rather than pretend it is 0.
/// A value type: every report adds one to its cohort's counts, and as a class that was two
/// allocations per report.
/// </summary>
public readonly record struct ConfusionCounts(long TruePositives, long FalsePositives, long TrueNegatives, long FalseNegatives)
{
    public static readonly ConfusionCounts Zero = new(0, 0, 0, 0);

    public long TruePositives { get; init => field = NonNegative(value); } = NonNegative(TruePositives);
    public long FalsePositives { get; init => field = NonNegative(value); } = NonNegative(FalsePositives);
    public long TrueNegatives { get; init => field = NonNegative(value); } = NonNegative(TrueNegatives);
    public long FalseNegatives { get; init => field = NonNegative(value); } = NonNegative(FalseNegatives);

    /// <summary>
    /// Counts of a labelled data set without a classifier (AIF360's dataset metrics): every label is
    /// its own prediction, so the selection rate is the base rate.
    /// </summary>
    public static ConfusionCounts FromLabels(long favourable, long unfavourable) => new(favourable, 0, unfavourable, 0);

    public long Total => TruePositives + FalsePositives + TrueNegatives + FalseNegatives;

    /// <summary>Actual positives (favourable labels).</summary>
    public long Positives => TruePositives + FalseNegatives;

    /// <summary>Actual negatives.</summary>
    public long Negatives => TrueNegatives + FalsePositives;

    public long PredictedPositives => TruePositives + FalsePositives;

    /// <summary>Share predicted positive: P(ŷ = 1).</summary>
    public double SelectionRate => Rate(PredictedPositives, Total);

    /// <summary>Share of actual positives predicted positive (recall): P(ŷ = 1 | y = 1).</summary>
    public double TruePositiveRate => Rate(TruePositives, Positives);

    /// <summary>Share of actual negatives predicted positive: P(ŷ = 1 | y = 0).</summary>
    public double FalsePositiveRate => Rate(FalsePositives, Negatives);

    /// <summary>Share of actual positives: P(y = 1).</summary>
    public double BaseRate => Rate(Positives, Total);

    public double RateOf(FairnessRate rate) => rate switch
    {
        FairnessRate.SelectionRate => SelectionRate,
        FairnessRate.TruePositiveRate => TruePositiveRate,
        FairnessRate.FalsePositiveRate => FalsePositiveRate,
        _ => throw new ArgumentOutOfRangeException(nameof(rate), rate, null),
    };

    /// <summary>How many examples a rate rests on: everyone, the actual positives, or the actual negatives.</summary>
    public long DenominatorOf(FairnessRate rate) => rate switch
    {
        FairnessRate.SelectionRate => Total,
        FairnessRate.TruePositiveRate => Positives,
        FairnessRate.FalsePositiveRate => Negatives,
        _ => throw new ArgumentOutOfRangeException(nameof(rate), rate, null),
    };

    public ConfusionCounts Merge(ConfusionCounts other) => new(
        TruePositives + other.TruePositives,
        FalsePositives + other.FalsePositives,
        TrueNegatives + other.TrueNegatives,
        FalseNegatives + other.FalseNegatives);

    /// <summary>These counts plus one example.</summary>
    public ConfusionCounts Add(bool actual, bool predicted) => (actual, predicted) switch
    {
        (true, true) => this with { TruePositives = TruePositives + 1 },
        (false, true) => this with { FalsePositives = FalsePositives + 1 },
        (false, false) => this with { TrueNegatives = TrueNegatives + 1 },
        (true, false) => this with { FalseNegatives = FalseNegatives + 1 },
    };

    public static ConfusionCounts Sum(IEnumerable<ConfusionCounts> counts) => counts.Aggregate(Zero, (a, b) => a.Merge(b));

    private static double Rate(long numerator, long denominator) =>
        denominator == 0 ? double.NaN : (double)numerator / denominator;

    private static long NonNegative(long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return count;
    }
}
