namespace ApexFleet.Domain.Fairness;

/// <summary>How equalized odds combines its true and false positive rate parts (Fairlearn's <c>agg</c>).</summary>
public enum FairnessAggregation
{
    /// <summary>The worse of the two: the larger difference, the smaller ratio.</summary>
    WorstCase = 0,

    /// <summary>The mean of the two.</summary>
    Mean = 1,
}
