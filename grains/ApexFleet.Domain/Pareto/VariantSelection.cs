using ApexFleet.Domain.Fleet;

namespace ApexFleet.Domain.Pareto;

/// <summary>
/// How a cohort picks the variant (precision) of a model its devices run: the objectives and their
/// direction, hard limits, the rule that picks on the first front, and how much measured evidence
/// replaces a prior. Objectives and constraints name the candidate metrics of <see cref="VariantMetricNames"/>.
/// </summary>
public sealed record VariantSelection(
    IReadOnlyList<Objective> Objectives,
    IReadOnlyList<Constraint> Constraints,
    Preference Preference,
    long MinSamples,
    IReadOnlyDictionary<Precision, double> SizesMb,
    double CloudCostPer1k = VariantSelection.DefaultCloudCostPer1k)
{
    /// <summary>USD per 1,000 inferences served by the cloud fall-back (an assumption; set it per app).</summary>
    public const double DefaultCloudCostPer1k = 0.40;
}

/// <summary>The metrics a variant is judged on.</summary>
public static class VariantMetricNames
{
    public const string Latency = "latency";
    public const string Energy = "energy";
    public const string Accuracy = "accuracy";
    public const string Size = "size";
    public const string Memory = "memory";
    public const string Cost = "cost";

    public static readonly IReadOnlyList<string> All = [Latency, Energy, Accuracy, Size, Memory, Cost];

    public static string Meaning(string name) => name switch
    {
        Latency => "p95 inference latency (ms)",
        Energy => "energy per inference (mJ)",
        Accuracy => "top-1 accuracy (%)",
        Size => "download size (MB)",
        Memory => "peak memory (MB)",
        Cost => "cloud fall-back cost per 1,000 inferences (USD)",
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown variant metric"),
    };
}
