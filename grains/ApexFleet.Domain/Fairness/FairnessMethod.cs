namespace ApexFleet.Domain.Fairness;

/// <summary>What a disparity is measured against (Fairlearn's <c>method</c>).</summary>
public enum FairnessMethod
{
    /// <summary>The largest gap (or smallest ratio) between any two groups.</summary>
    BetweenGroups = 0,

    /// <summary>The largest gap (or smallest ratio) between a group and everyone together.</summary>
    ToOverall = 1,
}
