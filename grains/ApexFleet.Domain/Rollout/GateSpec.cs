using System.Text.Json;
using System.Text.Json.Serialization;

namespace ApexFleet.Domain.Rollout;

/// <summary>How a gate compares; written as its symbol (<c>&lt;=</c>) wherever people read it, JSON included.</summary>
[JsonConverter(typeof(ComparisonOperatorJson))]
public enum ComparisonOperator
{
    LessOrEqual = 0,
    Less = 1,
    GreaterOrEqual = 2,
    Greater = 3,
}

/// <summary>Whether a gate judges each cohort on its own or the whole fleet at once.</summary>
public enum GateScope
{
    Cohort = 0,
    Fleet = 1,
}

/// <summary>
/// A condition a stage must meet before the rollout moves on. The metric must hold against the
/// threshold once at least <see cref="MinSamples"/> samples are in; fewer samples is inconclusive.
/// </summary>
/// <param name="Tolerance">
/// The indifference zone past the threshold: a true value between the threshold and threshold +
/// tolerance (on the harmful side) may pass or fail. Without it a value sitting on the threshold
/// would need infinite evidence; with it every gate decides in bounded time. Null: 10 % of |threshold|.
/// </param>
/// <param name="Inconclusive">This gate's own limit on staying undecided; null: the stage's.</param>
public sealed record GateSpec(
    string Metric,
    ComparisonOperator Operator,
    double Threshold,
    long MinSamples,
    GateScope Scope,
    double? Tolerance = null,
    InconclusivePolicy? Inconclusive = null)
{
    public const double DefaultToleranceShare = 0.1;

    public double ToleranceOrDefault => Tolerance ?? (DefaultToleranceShare * Math.Abs(Threshold));

    /// <summary>Whether a larger value is the harmful direction (latency, crash rate) rather than a smaller one (accuracy).</summary>
    public bool UpperIsWorse => Operator.UpperIsWorse();

    /// <summary>The edge of the indifference zone: a true value past it must be caught.</summary>
    public double ClearlyHarmful => UpperIsWorse ? Threshold + ToleranceOrDefault : Threshold - ToleranceOrDefault;

    public string Describe() => $"{Metric} {Operator.Symbol()} {Threshold} ± {ToleranceOrDefault:0.####} ({Scope.ToString().ToLowerInvariant()}, min {MinSamples} samples)";
}

public static class ComparisonOperators
{
    /// <summary>Whether a gate with this operator is harmed by larger values (it caps them).</summary>
    public static bool UpperIsWorse(this ComparisonOperator op) => op is ComparisonOperator.LessOrEqual or ComparisonOperator.Less;

    public static string Symbol(this ComparisonOperator op) => op switch
    {
        ComparisonOperator.LessOrEqual => "<=",
        ComparisonOperator.Less => "<",
        ComparisonOperator.GreaterOrEqual => ">=",
        ComparisonOperator.Greater => ">",
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "unknown operator"),
    };

    public static bool TryParse(string? text, out ComparisonOperator op)
    {
        switch (text?.Trim())
        {
            case "<=": op = ComparisonOperator.LessOrEqual; return true;
            case "<": op = ComparisonOperator.Less; return true;
            case ">=": op = ComparisonOperator.GreaterOrEqual; return true;
            case ">": op = ComparisonOperator.Greater; return true;
            default: op = default; return false;
        }
    }

    public static bool Holds(this ComparisonOperator op, double observed, double threshold) => op switch
    {
        ComparisonOperator.LessOrEqual => observed <= threshold,
        ComparisonOperator.Less => observed < threshold,
        ComparisonOperator.GreaterOrEqual => observed >= threshold,
        ComparisonOperator.Greater => observed > threshold,
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "unknown operator"),
    };
}

/// <summary>Gates in JSON read as their manifests do: <c>"operator": "&lt;="</c>.</summary>
public sealed class ComparisonOperatorJson : JsonConverter<ComparisonOperator>
{
    public override ComparisonOperator Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ComparisonOperators.TryParse(reader.GetString(), out var op) ? op : throw new JsonException($"'{reader.GetString()}' is not one of <=, <, >=, >");

    public override void Write(Utf8JsonWriter writer, ComparisonOperator value, JsonSerializerOptions options) => writer.WriteStringValue(value.Symbol());
}
