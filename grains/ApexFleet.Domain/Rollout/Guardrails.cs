namespace ApexFleet.Domain.Rollout;

/// <summary>How much the model explains each answer on the device; explanations cost time and energy.</summary>
public enum ExplainabilityLevel
{
    None = 0,
    Low = 1,
    Medium = 2,
    High = 3,
}

/// <summary>
/// The responsible-AI guardrails of a rollout. <see cref="BiasDetection"/> adds the default fairness
/// gates (<see cref="DefaultFairnessGates"/>) to every stage that lists none of its own.
/// </summary>
public sealed record Guardrails(bool BiasDetection, ExplainabilityLevel Explainability)
{
    public static readonly Guardrails None = new(false, ExplainabilityLevel.None);

    /// <summary>Fairness gates bias detection adds: the four-fifths rule [R12] and a 0.1 gap in selection and error rates (fleet-wide, where groups are large enough).</summary>
    public static readonly IReadOnlyList<GateSpec> DefaultFairnessGates =
    [
        new("disparate_impact_ratio", ComparisonOperator.GreaterOrEqual, 0.8, 1000, GateScope.Fleet),
        new("demographic_parity_difference", ComparisonOperator.LessOrEqual, 0.1, 1000, GateScope.Fleet),
        new("equalized_odds_difference", ComparisonOperator.LessOrEqual, 0.1, 1000, GateScope.Fleet),
    ];

    /// <summary>
    /// How much slower and costlier an inference gets with on-device explanations, as (latency, energy)
    /// factors. Assumptions (docs/REFERENCES.md#assumptions): low = a saliency pass on the last layer
    /// (+10 %), medium = gradient saliency, about one backward pass (+50 %), high = a few perturbation
    /// passes (× 3).
    /// </summary>
    public static (double Latency, double Energy) Overhead(ExplainabilityLevel level) => level switch
    {
        ExplainabilityLevel.None => (1.0, 1.0),
        ExplainabilityLevel.Low => (1.1, 1.1),
        ExplainabilityLevel.Medium => (1.5, 1.5),
        ExplainabilityLevel.High => (3.0, 3.0),
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "unknown explainability level"),
    };
}
