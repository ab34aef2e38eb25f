using ApexFleet.Domain.Pareto;

namespace ApexFleet.Domain.Tests.Pareto;

public class PreferenceTests
{
    private static readonly Objective[] Two = [new("a", ObjectiveDirection.Minimize), new("b", ObjectiveDirection.Minimize)];

    // Normalised over the front (ranges 8 and 8): A (0, 1), B (0.125, 0.375), C (0.25, 0.3125), D (0.625, 0.125), E (1, 0).
    private static readonly Candidate[] Front =
    [
        new("E", [9, 1]), new("A", [1, 9]), new("C", [3, 3.5]), new("B", [2, 4]), new("D", [6, 2]),
    ];

    [Fact]
    public void Equal_weights_pick_the_lowest_normalised_sum()
    {
        var choice = new WeightedSumPreference(null).Choose(Two, Front);

        Assert.Equal("B", choice.Id);
        Assert.Equal(0.25, choice.Scores["B"], 12);
        Assert.Equal(0.28125, choice.Scores["C"], 12);
        Assert.Equal(
            "B has the lowest weighted sum, 0.25, of the objectives normalised over the first front (0 best, 1 worst) with weights a 0.5, b 0.5; next C 0.28125",
            choice.Why);
    }

    [Fact]
    public void Weights_are_scaled_to_sum_to_one_and_a_heavy_weight_wins_its_objective()
    {
        var choice = new WeightedSumPreference(new Dictionary<string, double> { ["a"] = 9, ["b"] = 1 }).Choose(Two, Front);

        Assert.Equal("A", choice.Id);
        Assert.Equal(0.1, choice.Scores["A"], 12);
        Assert.Equal(0.15, choice.Scores["B"], 12);
    }

    [Fact]
    public void An_objective_without_a_weight_counts_nothing()
    {
        Assert.Equal("E", new WeightedSumPreference(new Dictionary<string, double> { ["b"] = 1 }).Choose(Two, Front).Id);
    }

    [Fact]
    public void Equal_scores_go_to_the_smallest_id()
    {
        Candidate[] mirrored = [new("y", [1, 3]), new("x", [3, 1])];

        Assert.Equal("x", new WeightedSumPreference(null).Choose(Two, mirrored).Id);
        Assert.Equal("x", new KneePreference().Choose(Two, mirrored).Id);
    }

    [Theory]
    [InlineData("c", "a weight names 'c', which is not an objective; objectives: a, b")]
    [InlineData("negative", "weight a=-1 must be a non-negative number")]
    [InlineData("zero", "at least one weight must be above 0")]
    public void Bad_weights_are_refused(string kind, string message)
    {
        var weights = kind switch
        {
            "c" => new Dictionary<string, double> { ["c"] = 1 },
            "negative" => new Dictionary<string, double> { ["a"] = -1 },
            _ => new Dictionary<string, double> { ["a"] = 0, ["b"] = 0 },
        };

        var ex = Assert.Throws<ParetoInputException>(() => new WeightedSumPreference(weights).Validate(Two));
        Assert.Equal(message, ex.Message);
    }

    [Fact]
    public void Lexicographic_order_takes_the_best_first_objective()
    {
        var choice = new LexicographicPreference(null).Choose(Two, Front);

        Assert.Equal("A", choice.Id);
        Assert.Equal("A is first in the order a, then b: best a 1", choice.Why);
        Assert.Equal("E", new LexicographicPreference(["b"]).Choose(Two, Front).Id);
    }

    [Fact]
    public void Lexicographic_ties_fall_through_to_the_next_objective_then_the_id()
    {
        Objective[] three = [new("a", ObjectiveDirection.Minimize), new("b", ObjectiveDirection.Maximize), new("c", ObjectiveDirection.Minimize)];
        Candidate[] front = [new("P", [1, 2, 3]), new("Q", [1, 4, 5]), new("R", [2, 9, 0]), new("S", [1, 4, 5])];

        var choice = new LexicographicPreference(null).Choose(three, front);

        Assert.Equal("Q", choice.Id);
        Assert.Equal("Q is first in the order a, then b, then c: best a 1 shared by P, Q, S; best b 4 shared by Q, S; best c 5 shared by Q, S; equal on every objective, so the first id", choice.Why);
    }

    [Fact]
    public void The_knee_is_farthest_below_the_line_through_the_two_ends()
    {
        var choice = new KneePreference().Choose(Two, Front);

        // Distance to x + y = 1: B (1 − 0.5)/√2, C (1 − 0.5625)/√2, the ends 0.
        Assert.Equal("B", choice.Id);
        Assert.Equal(0.5 / Math.Sqrt(2), choice.Scores["B"], 12);
        Assert.Equal(0.4375 / Math.Sqrt(2), choice.Scores["C"], 12);
        Assert.Equal(0, choice.Scores["A"], 12);
        Assert.Equal(0, choice.Scores["E"], 12);
        Assert.Equal(
            "B lies farthest toward the ideal point, 0.35355, from the line through the extremes A (best a), E (best b), with the objectives normalised over the first front; next C 0.30936",
            choice.Why);
    }

    [Fact]
    public void The_knee_in_three_objectives_uses_the_plane_through_the_three_extremes()
    {
        Objective[] three = [new("latency", ObjectiveDirection.Minimize), new("energy", ObjectiveDirection.Minimize), new("accuracy", ObjectiveDirection.Maximize)];
        // Normalised: e1 (0,1,1), e2 (1,0,1), e3 (1,1,0), k (0.4,0.4,0.4), m (0.2,0.6,0.9); the plane is x+y+z = 2.
        Candidate[] front =
        [
            new("e1", [10, 20, 0.5]), new("e2", [20, 10, 0.5]), new("e3", [20, 20, 0.9]),
            new("k", [14, 14, 0.74]), new("m", [12, 16, 0.54]),
        ];

        var choice = new KneePreference().Choose(three, front);

        Assert.Equal("k", choice.Id);
        Assert.Equal(0.8 / Math.Sqrt(3), choice.Scores["k"], 9);
        Assert.Equal(0.3 / Math.Sqrt(3), choice.Scores["m"], 9);
        Assert.StartsWith("k lies farthest toward the ideal point, 0.46188, from the hyperplane through the extremes e1 (best latency), e2 (best energy), e3 (best accuracy)", choice.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void Extremes_that_span_no_plane_fall_back_to_the_corners_of_the_normalised_box()
    {
        Objective[] three = [new("a", ObjectiveDirection.Minimize), new("b", ObjectiveDirection.Minimize), new("c", ObjectiveDirection.Minimize)];
        // Two members cannot span a plane in three objectives; Σx = 2 ranks them by their normalised sums.
        Candidate[] front = [new("p", [1, 2, 5]), new("q", [2, 1, 4])];

        var choice = new KneePreference().Choose(three, front);

        Assert.Equal("q", choice.Id);
        Assert.Contains("from the hyperplane Σx = 2 (the extremes p (best a), q (best b), q (best c) span no plane)", choice.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void A_single_objective_knee_is_the_best_value()
    {
        Objective[] one = [new("accuracy", ObjectiveDirection.Maximize)];

        var choice = new KneePreference().Choose(one, [new("a", [0.7]), new("b", [0.9]), new("c", [0.9])]);

        Assert.Equal("b", choice.Id);
        Assert.Equal("one objective: the best accuracy 0.9", choice.Why);
    }

    [Fact]
    public void The_only_member_of_the_front_is_chosen_by_every_rule()
    {
        foreach (var preference in new Preference[] { new WeightedSumPreference(null), new LexicographicPreference(null), new KneePreference() })
        {
            var choice = preference.Choose(Two, [new("solo", [1, 1])]);
            Assert.Equal("solo", choice.Id);
            Assert.Equal("the only candidate on the first front", choice.Why);
        }
    }

    [Fact]
    public void Rules_are_named_as_the_command_line_spells_them()
    {
        Assert.IsType<WeightedSumPreference>(Preference.Parse("weighted"));
        Assert.IsType<LexicographicPreference>(Preference.Parse("lexicographic"));
        Assert.IsType<KneePreference>(Preference.Parse("knee"));
        Assert.Equal("preference 'best' must be weighted, lexicographic or knee", Assert.Throws<ParetoInputException>(() => Preference.Parse("best")).Message);
    }
}
