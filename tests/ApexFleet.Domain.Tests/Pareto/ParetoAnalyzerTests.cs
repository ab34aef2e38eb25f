using ApexFleet.Domain.Pareto;
using ApexFleet.Domain.Rollout;

namespace ApexFleet.Domain.Tests.Pareto;

public class ParetoAnalyzerTests
{
    private static readonly Objective[] Objectives =
    [
        new("latency", ObjectiveDirection.Minimize),
        new("energy", ObjectiveDirection.Minimize),
        new("accuracy", ObjectiveDirection.Maximize),
    ];

    // MobileNetV2 variants on one cohort: ms, mJ per inference, top-1 %.
    private static readonly Candidate[] Variants =
    [
        new("fp32-cpu", [52.3, 9.6, 71.878]),
        new("fp32-gpu", [21.7, 6.1, 71.878]),
        new("fp16-gpu", [12.9, 3.8, 71.86]),
        new("int8-cpu", [13.1, 3.1, 71.658]),
        new("int8-gpu", [15.8, 4.4, 71.658]),
        new("int8-dsp", [7.4, 1.6, 70.9]),
        new("int4-cpu", [16.5, 3.5, 68.9]),
        new("int4-gpu", [18.0, 4.6, 68.9]),
        new("int8-ptq-cpu", [13.0, 3.0, 63.7]),
    ];

    private static readonly Constraint[] Limits = [Constraint.Parse("latency<=50"), Constraint.Parse("accuracy>=65")];

    private static readonly Dictionary<string, double> Reference = new() { ["latency"] = 100, ["energy"] = 10, ["accuracy"] = 0 };

    [Fact]
    public void Infeasible_candidates_go_first_and_the_rest_sort_into_fronts_by_id()
    {
        var analysis = ParetoAnalyzer.Analyze(Objectives, Variants, Limits, new KneePreference(), Reference);

        Assert.Equal([["fp16-gpu", "fp32-gpu", "int8-cpu", "int8-dsp"], ["int4-cpu", "int8-gpu"], ["int4-gpu"]], analysis.Fronts);
        Assert.Equal(["fp32-cpu", "int8-ptq-cpu"], analysis.Infeasible.Select(i => i.Id));
        Assert.Equal("infeasible: latency 52.3 breaks latency<=50", analysis.Infeasible[0].Explain());
        Assert.Equal("infeasible: accuracy 63.7 breaks accuracy>=65", analysis.Infeasible[1].Explain());
    }

    [Fact]
    public void Each_dominated_candidate_names_the_smallest_id_dominating_it_from_the_front_before()
    {
        var analysis = ParetoAnalyzer.Analyze(Objectives, Variants, Limits, new KneePreference(), Reference);

        Assert.Equal(
            new Dictionary<string, string> { ["int4-cpu"] = "int8-cpu", ["int8-gpu"] = "fp16-gpu", ["int4-gpu"] = "int4-cpu" },
            analysis.DominatedBy);
        Assert.Equal("front 2: dominated by fp16-gpu (better latency 12.9 vs 15.8, energy 3.8 vs 4.4, accuracy 71.86 vs 71.658; no worse elsewhere)", analysis.Explanations["int8-gpu"]);
        Assert.Equal("front 3: dominated by int4-cpu (better latency 16.5 vs 18, energy 3.5 vs 4.6; no worse elsewhere)", analysis.Explanations["int4-gpu"]);
    }

    [Fact]
    public void Every_candidate_gets_exactly_one_explanation_in_id_order()
    {
        var analysis = ParetoAnalyzer.Analyze(Objectives, Variants, Limits, new KneePreference(), Reference);

        Assert.Equal(Variants.Select(v => v.Id).Order(StringComparer.Ordinal), analysis.Explanations.Keys);
        Assert.Equal("front 1: no feasible candidate dominates it", analysis.Explanations["int8-dsp"]);
        Assert.Equal("infeasible: latency 52.3 breaks latency<=50", analysis.Explanations["fp32-cpu"]);
        Assert.StartsWith("front 1, chosen (knee): fp16-gpu lies farthest toward the ideal point", analysis.Explanations["fp16-gpu"], StringComparison.Ordinal);
    }

    [Fact]
    public void The_knee_falls_back_to_the_box_corners_when_one_member_is_best_on_two_objectives()
    {
        // int8-dsp is fastest and most frugal, so the extremes span no plane; Σx = 2 ranks fp16-gpu first.
        var choice = ParetoAnalyzer.Analyze(Objectives, Variants, Limits, new KneePreference(), Reference).Choice!;

        Assert.Equal("fp16-gpu", choice.Id);
        Assert.Equal((1 - ((5.5 / 14.3) + (2.2 / 4.5) + (0.018 / 0.978)) / 2) / Math.Sqrt(0.75), choice.Scores["fp16-gpu"], 9);
        Assert.Contains("Σx = 2 (the extremes int8-dsp (best latency), int8-dsp (best energy), fp32-gpu (best accuracy) span no plane)", choice.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void Weighted_and_lexicographic_preferences_pick_on_the_same_front()
    {
        var weights = new Dictionary<string, double> { ["latency"] = 0.5, ["energy"] = 0.3, ["accuracy"] = 0.2 };

        var weighted = ParetoAnalyzer.Analyze(Objectives, Variants, Limits, new WeightedSumPreference(weights), Reference).Choice!;
        var lexicographic = ParetoAnalyzer.Analyze(Objectives, Variants, Limits, new LexicographicPreference(["accuracy"]), Reference).Choice!;

        Assert.Equal("int8-dsp", weighted.Id);
        Assert.Equal(0.2, weighted.Scores["int8-dsp"], 12);
        Assert.Equal(0.8, weighted.Scores["fp32-gpu"], 12);
        Assert.Equal("fp32-gpu", lexicographic.Id);
    }

    [Fact]
    public void The_hypervolume_measures_the_first_front_in_original_units_against_the_reference()
    {
        var analysis = ParetoAnalyzer.Analyze(Objectives, Variants, Limits, new KneePreference(), Reference);

        // Exact by the grid method in rational arithmetic: 55718881/1000.
        Assert.Equal(55718.881, analysis.Hypervolume, 6);
        Assert.Equal([100, 10, 0], analysis.Reference);
    }

    [Fact]
    public void Without_a_reference_the_worst_feasible_values_made_ten_percent_of_the_range_worse_are_used()
    {
        var analysis = ParetoAnalyzer.Analyze(Objectives, Variants, Limits, new KneePreference());

        Assert.Equal(21.7 + 1.43, analysis.Reference[0], 9);
        Assert.Equal(6.1 + 0.45, analysis.Reference[1], 9);
        Assert.Equal(68.9 - 0.2978, analysis.Reference[2], 9);
        Assert.True(analysis.Hypervolume > 0);
    }

    [Fact]
    public void When_nothing_is_feasible_there_is_no_front_and_no_choice()
    {
        var analysis = ParetoAnalyzer.Analyze(Objectives, Variants, [Constraint.Parse("latency<1")], new KneePreference(), Reference);

        Assert.Empty(analysis.Fronts);
        Assert.Null(analysis.Choice);
        Assert.Equal(0, analysis.Hypervolume);
        Assert.Equal(Variants.Length, analysis.Infeasible.Count);
    }

    [Fact]
    public void Every_broken_constraint_is_listed()
    {
        var analysis = ParetoAnalyzer.Analyze(Objectives, [new("x", [60, 1, 50])], Limits, new KneePreference());

        Assert.Equal("infeasible: latency 60 breaks latency<=50; accuracy 50 breaks accuracy>=65", analysis.Explanations["x"]);
    }

    [Fact]
    public void A_single_objective_sorts_by_value_and_picks_the_best()
    {
        Objective[] one = [new("accuracy", ObjectiveDirection.Maximize)];
        var analysis = ParetoAnalyzer.Analyze(one, [new("a", [0.7]), new("b", [0.9]), new("c", [0.8]), new("d", [0.9])], [], new WeightedSumPreference(null));

        Assert.Equal([["b", "d"], ["c"], ["a"]], analysis.Fronts);
        Assert.Equal("b", analysis.Choice!.Id);
    }

    [Theory]
    [InlineData("unknown-constraint", "constraint 'size<=5' names 'size', which is not an objective; objectives: latency, energy, accuracy")]
    [InlineData("duplicate-id", "candidate 'a' appears more than once")]
    [InlineData("short-row", "candidate 'b' has 2 values for 3 objectives")]
    [InlineData("reference-missing", "the reference point needs a value for every objective; missing: accuracy")]
    [InlineData("reference-unknown", "the reference point names 'size', which is not an objective; objectives: latency, energy, accuracy")]
    public void Inputs_that_do_not_fit_together_are_refused_with_a_reason(string kind, string message)
    {
        Candidate[] candidates = kind switch
        {
            "duplicate-id" => [new("a", [1, 1, 1]), new("a", [2, 2, 2])],
            "short-row" => [new("a", [1, 1, 1]), new("b", [2, 2])],
            _ => [new("a", [1, 1, 1])],
        };
        Constraint[] constraints = kind == "unknown-constraint" ? [new("size", ComparisonOperator.LessOrEqual, 5)] : [];
        Dictionary<string, double>? reference = kind switch
        {
            "reference-missing" => new() { ["latency"] = 1, ["energy"] = 1 },
            "reference-unknown" => new() { ["size"] = 1 },
            _ => null,
        };

        var ex = Assert.Throws<ParetoInputException>(() => ParetoAnalyzer.Analyze(Objectives, candidates, constraints, new KneePreference(), reference));
        Assert.Equal(message, ex.Message);
    }
}
