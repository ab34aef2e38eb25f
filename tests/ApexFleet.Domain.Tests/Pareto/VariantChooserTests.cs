using ApexFleet.Domain.Fleet;
using ApexFleet.Domain.Pareto;
using ApexFleet.Domain.Rollout;

namespace ApexFleet.Domain.Tests.Pareto;

public class VariantChooserTests
{
    private static readonly VariantSelection Selection = new(
        Objective.ParseList("latency:min,accuracy:max"),
        [Constraint.Parse("latency<=40")],
        new LexicographicPreference(null),
        MinSamples: 100,
        SizesMb: new Dictionary<Precision, double> { [Precision.Fp16] = 6.8, [Precision.Int8] = 3.4, [Precision.Int4] = 1.8 });

    private static readonly VariantPrior[] Priors =
    [
        new(Precision.Fp16, LatencyP95Ms: 20, EnergyMj: 24, AccuracyPercent: 71.8, MemoryMb: 34),
        new(Precision.Int8, LatencyP95Ms: 19, EnergyMj: 34, AccuracyPercent: 71.6, MemoryMb: 22),
        new(Precision.Int4, LatencyP95Ms: 45, EnergyMj: 47, AccuracyPercent: 69.3, MemoryMb: 20),
        new(Precision.Fp32, LatencyP95Ms: 33, EnergyMj: 59, AccuracyPercent: 71.9, MemoryMb: 52),
    ];

    [Fact]
    public void On_priors_alone_the_fastest_feasible_variant_wins_and_every_candidate_is_explained()
    {
        var decision = VariantChooser.Choose(Selection, Priors, new Dictionary<Precision, VariantMetrics>());

        Assert.Equal(Precision.Int8, decision.Chosen);
        Assert.Equal(["FP16", "INT8"], decision.Analysis.Fronts[0]);
        Assert.Equal("INT4", Assert.Single(decision.Analysis.Infeasible).Id);
        Assert.DoesNotContain(decision.Candidates, c => c.Id == "FP32");
        Assert.All(decision.Evidence.Values, e => Assert.Equal("prior", e));
    }

    [Fact]
    public void Measurements_replace_a_prior_only_once_there_are_enough_of_them()
    {
        static VariantMetrics SlowInt8(long inferences)
        {
            var metrics = VariantMetrics.Of(new() { Inferences = inferences, Reports = inferences / 10 });
            metrics.Latency.Add(30, inferences);
            return metrics;
        }

        var few = VariantChooser.Choose(Selection, Priors, new Dictionary<Precision, VariantMetrics> { [Precision.Int8] = SlowInt8(99) });
        var enough = VariantChooser.Choose(Selection, Priors, new Dictionary<Precision, VariantMetrics> { [Precision.Int8] = SlowInt8(100) });

        Assert.Equal(Precision.Int8, few.Chosen);
        Assert.Equal("prior (99 of 100 samples measured)", few.Evidence["INT8"]);
        Assert.Equal(Precision.Fp16, enough.Chosen);
        Assert.Equal("measured (100 inferences)", enough.Evidence["INT8"]);
        // The measured p95 is the sketch bucket of 30 ms, 30.267 ms.
        Assert.Equal("front 2: dominated by FP16 (better latency 20 vs 30.26717, accuracy 71.8 vs 71.6; no worse elsewhere)", enough.Analysis.Explanations["INT8"]);
    }

    [Fact]
    public void Cost_is_the_cloud_fall_back_share_priced_per_thousand_inferences()
    {
        var selection = Selection with { Objectives = Objective.ParseList("cost:min"), Constraints = [], CloudCostPer1k = 0.4 };
        var measured = VariantMetrics.Of(new() { Inferences = 1000, Reports = 100, CloudFallbacks = 25 });
        measured.Latency.Add(10, 1000);

        var decision = VariantChooser.Choose(selection, [Priors[0] with { FallbackShare = 0.01 }, Priors[1] with { FallbackShare = 0.5 }], new Dictionary<Precision, VariantMetrics> { [Precision.Int8] = measured });

        // FP16: prior 1% × 0.40 = 0.004; INT8: measured 25 / 1000 × 0.40 = 0.01.
        Assert.Equal(0.004, decision.Candidates.Single(c => c.Id == "FP16").Values[0], 12);
        Assert.Equal(0.01, decision.Candidates.Single(c => c.Id == "INT8").Values[0], 12);
        Assert.Equal(Precision.Fp16, decision.Chosen);
    }

    [Fact]
    public void When_nothing_is_feasible_no_variant_is_chosen_and_the_reason_says_why()
    {
        var strict = Selection with { Constraints = [Constraint.Parse("latency<=5")] };

        var decision = VariantChooser.Choose(strict, Priors, new Dictionary<Precision, VariantMetrics>());

        Assert.Null(decision.Chosen);
        Assert.StartsWith("no variant meets the constraints: ", decision.Explain(), StringComparison.Ordinal);
    }
}
