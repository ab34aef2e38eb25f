using ApexFleet.Domain.FinOps;
using ApexFleet.Domain.Rollout;
using ApexFleet.Domain.Tests.Rollout;
using static ApexFleet.Domain.Tests.FinOps.CostFixtures;

namespace ApexFleet.Domain.Tests.FinOps;

/// <summary>Two cohorts of 1,000 phones, 10 inferences a phone-hour, a flat day: every figure by hand.</summary>
public class StagesAheadTests
{
    private static readonly DateTimeOffset Now = At.AddHours(1);

    /// <summary>10 % for 1 h, then 100 % for 2 h.</summary>
    private static readonly RolloutDefinition Definition = RolloutFixtures.TwoStages() with
    {
        Stages = [new RolloutStage("canary", 10, TimeSpan.FromHours(1), []), new RolloutStage("everyone", 100, TimeSpan.FromHours(2), [])],
    };

    private static readonly Dictionary<string, double> Phones = new() { ["a"] = 1000, ["b"] = 1000 };

    /// <summary>a: 500 of 1,000 samples from 2,000 inferences (one per four); b: all 1,000 of 1,000 from 4,000.</summary>
    private static readonly GateSamples[] Gates = [new("latency_p95_ms", "a", 500, 1000), new("latency_p95_ms", "b", 1000, 1000)];

    private static readonly Dictionary<string, long> Ran = new() { ["a"] = 2000, ["b"] = 4000 };

    private static double Ahead(RolloutDefinition definition, RolloutState state, IReadOnlyList<GateSamples> gates, IReadOnlyDictionary<string, long> ran) =>
        StagesAhead.Inferences(definition, state, Now, gates, Phones, ran, 10, UsageCycle.Flat).Values.Sum();

    [Fact]
    public void A_cohort_short_of_samples_waits_for_them_at_its_pace_and_those_through_keep_running_until_it_is()
    {
        // a needs 500 more samples = 2,000 inferences at 10 % × 1,000 × 10 = 1,000 an hour: 2 h at 10 %
        // (2,000), then 2 h at 100 % (20,000). b leaves now: 2 h at 100 % (20,000), then runs on at
        // 100 % for the 2 h until a is through too (20,000). 62,000 in all.
        var ahead = StagesAhead.Inferences(Definition, RolloutState.Start(At), Now, Gates, Phones, Ran, 10, UsageCycle.Flat);

        Assert.Equal(22_000, ahead["a"], 9);
        Assert.Equal(40_000, ahead["b"], 9);
    }

    [Fact]
    public void No_cohort_waits_past_an_inconclusive_limit_that_acts()
    {
        // The canary rolls back what is undecided 2 h after it began: a waits 1 h at 10 % (1,000), not 2,
        // then 2 h at 100 % (20,000); b: 2 h at 100 % (20,000) and 1 h more (10,000). A limit that only holds changes nothing.
        var limited = Definition with { Stages = [Definition.Stages[0] with { Inconclusive = new(TimeSpan.FromHours(2), InconclusiveAction.Rollback) }, Definition.Stages[1]] };
        var holding = Definition with { Stages = [Definition.Stages[0] with { Inconclusive = new(TimeSpan.FromHours(2), InconclusiveAction.Hold) }, Definition.Stages[1]] };

        Assert.Equal(51_000, Ahead(limited, RolloutState.Start(At), Gates, Ran), 9);
        Assert.Equal(62_000, Ahead(holding, RolloutState.Start(At), Gates, Ran), 9);
        Assert.Equal(62_000, Ahead(Definition with { Stages = [Definition.Stages[0] with { Inconclusive = InconclusivePolicy.Unlimited }, Definition.Stages[1]] }, RolloutState.Start(At), Gates, Ran), 9);
    }

    [Fact]
    public void Cohorts_in_lockstep_leave_each_stage_when_the_slowest_may()
    {
        // Both wait 2 h at 10 % (2,000 each), then 2 h at 100 % (20,000 each).
        Assert.Equal(44_000, Ahead(Definition with { Progression = Progression.Lockstep }, RolloutState.Start(At), Gates, Ran), 9);
    }

    [Fact]
    public void A_cohort_with_no_samples_yet_gathers_them_at_the_other_cohorts_pace()
    {
        // a has none of 1,000 and has run nothing; a and b together: 1,500 samples from 6,000 inferences
        // (one per four) → 4,000 inferences at 1,000 an hour: 4 h at 10 % (4,000), then 2 h at 100 %
        // (20,000). b: 2 h at 100 % (20,000), then 4 h more until a is through (40,000).
        GateSamples[] gates = [new("latency_p95_ms", "a", 0, 1000), new("latency_p95_ms", "b", 1000, 1000), new("latency_p95_ms", "c", 500, 1000)];
        var ran = new Dictionary<string, long> { ["a"] = 0, ["b"] = 4000, ["c"] = 2000 };

        Assert.Equal(84_000, Ahead(Definition, RolloutState.Start(At), gates, ran), 9);
    }

    [Fact]
    public void A_fleet_gate_short_of_samples_holds_every_cohort_in_a_stage()
    {
        // 300 of 900 fleet samples from 6,000 inferences: 12,000 more at 10 % × 2,000 × 10 = 2,000 an
        // hour = 6 h at 10 % (6,000 each cohort), then 2 h at 100 % (20,000 each).
        GateSamples[] gates = [new("crash_rate", GateResult.FleetScope, 300, 900)];

        Assert.Equal(52_000, Ahead(Definition, RolloutState.Start(At), gates, Ran), 9);
    }

    [Fact]
    public void A_cohort_already_through_runs_until_the_others_are_and_a_finished_rollout_runs_nothing_more()
    {
        // b done; a leaves now: 2 h at 100 % (20,000), b runs those 2 h too (20,000).
        var state = RolloutState.Start(At) with { Cohorts = new Dictionary<string, CohortProgress> { ["b"] = new(1, At, Done: true) } };

        Assert.Equal(40_000, Ahead(Definition, state, [], Ran), 9);
        Assert.Equal(0, Ahead(Definition, state with { Phase = RolloutPhase.Monitoring }, Gates, Ran));
        Assert.Equal(0, Ahead(Definition, state with { Phase = RolloutPhase.RolledBack }, Gates, Ran));
    }

    [Fact]
    public void The_phones_each_stage_adds_start_the_ramps_lag_after_it_began()
    {
        // No gate wants samples. Canary started 1 h ago: both leave now, and the 90 % of each cohort
        // the second stage adds start 30 min late: 2 × (20,000 − 0.9 × 0.5 h × 10,000) = 31,000.
        var ahead = StagesAhead.Inferences(Definition, RolloutState.Start(At), Now, [], Phones, Ran, 10, UsageCycle.Flat, TimeSpan.FromMinutes(30));
        Assert.Equal(31_000, ahead.Values.Sum(), 9);

        // Canary started 15 min ago: 45 min more at 10 % (750 each), less its own 10 % not started
        // for 15 min more (250); then the second stage as above (15,500 each).
        var late = RolloutState.Start(At.AddMinutes(45));
        var ramping = StagesAhead.Inferences(Definition, late, Now, [], Phones, Ran, 10, UsageCycle.Flat, TimeSpan.FromMinutes(30));
        Assert.Equal(2 * (500 + 15_500), ramping.Values.Sum(), 9);
    }

    [Fact]
    public void The_phones_offered_are_each_cohorts_share_at_its_stage_and_none_once_the_rollout_stopped()
    {
        var oneThrough = RolloutState.Start(At) with { Cohorts = new Dictionary<string, CohortProgress> { ["b"] = new(1, At, Done: true) } };

        Assert.Equal(200, StagesAhead.Offered(Definition, RolloutState.Start(At), Phones), 9);
        Assert.Equal(100 + 1000, StagesAhead.Offered(Definition, oneThrough, Phones), 9);
        Assert.Equal(0, StagesAhead.Offered(Definition, oneThrough with { Phase = RolloutPhase.RolledBack }, Phones));
    }
}
