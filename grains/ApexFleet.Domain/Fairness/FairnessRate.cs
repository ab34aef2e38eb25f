namespace ApexFleet.Domain.Fairness;

/// <summary>The per-group rates that the fairness metrics compare.</summary>
public enum FairnessRate
{
    SelectionRate = 0,
    TruePositiveRate = 1,
    FalsePositiveRate = 2,
}
