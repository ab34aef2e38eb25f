using ApexFleet.Domain.Privacy;
using ApexFleet.Domain.Rollout;
using static ApexFleet.Domain.Tests.Rollout.RolloutFixtures;

namespace ApexFleet.Domain.Tests.Rollout;

public class RolloutEngineTests
{
    private readonly RolloutDefinition _definition = TwoStages();
    private readonly RolloutState _start = RolloutState.Start(T0);

    [Fact]
    public void Passing_gates_inside_the_bake_window_hold()
    {
        var decision = RolloutEngine.Evaluate(_definition, _start, Cohorts(("a", Measured(5, 5000))), T0.AddMinutes(59));

        Assert.Equal(DecisionKind.Hold, decision.Kind);
        Assert.Same(_start, decision.Next);
        Assert.Contains("bakes until 2026-01-05 07:00:00Z", decision.Reason, StringComparison.Ordinal);
        Assert.All(decision.Gates, g => Assert.Equal(GateVerdict.Pass, g.Verdict));
    }

    [Fact]
    public void Passing_gates_after_the_bake_window_advance_to_the_next_stage()
    {
        var now = T0.AddHours(1);
        var decision = RolloutEngine.Evaluate(_definition, _start, Cohorts(("a", Measured(5, 5000)), ("b", Measured(9.5, 2000))), now);

        Assert.Equal(DecisionKind.Advance, decision.Kind);
        Assert.Equal(1, decision.Next.StageIndex);
        Assert.Equal(now, decision.Next.StageStartedAt);
        Assert.Equal(2, decision.Next.Epoch);
        // One latency result per cohort plus one fleet-wide crash result.
        Assert.Equal(3, decision.Gates.Count);
        var b = decision.Gates.Single(g => g.Scope == "b");
        Assert.Equal(2000, b.Samples);
        Assert.Equal(QuantileSketchValue(9.5), b.Observed, 12);
    }

    [Fact]
    public void Too_few_samples_is_inconclusive_and_never_passes_however_long_it_waits()
    {
        var decision = RolloutEngine.Evaluate(_definition, _start, Cohorts(("a", Measured(5, 99))), T0.AddDays(30));

        Assert.Equal(DecisionKind.Hold, decision.Kind);
        var latency = decision.Gates.Single(g => g.Gate == LatencyPerCohort);
        Assert.Equal(GateVerdict.Inconclusive, latency.Verdict);
        Assert.Equal(99, latency.Samples);
        Assert.Contains("inconclusive, 99 of 100 samples", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failing_cohort_is_rolled_back_at_once_and_the_others_carry_on()
    {
        var observed = Cohorts(("a", Measured(5, 5000)), ("slow", Measured(25, 500)));
        var first = RolloutEngine.Evaluate(_definition, _start, observed, T0.AddMinutes(10));

        Assert.Equal(DecisionKind.RollbackCohorts, first.Kind);
        Assert.Equal(["slow"], first.CohortsRolledBack);
        Assert.Equal(["slow"], first.Next.ExcludedCohorts);
        Assert.Equal(0, first.Next.StageIndex);
        Assert.Equal(RolloutPhase.Progressing, first.Next.Phase);

        var second = RolloutEngine.Evaluate(_definition, first.Next, observed, T0.AddHours(1));
        Assert.Equal(DecisionKind.Advance, second.Kind);
        Assert.DoesNotContain(second.Gates, g => g.Scope == "slow");
    }

    [Fact]
    public void When_every_cohort_fails_the_whole_deployment_rolls_back()
    {
        var decision = RolloutEngine.Evaluate(_definition, _start, Cohorts(("a", Measured(11, 500))), T0);

        Assert.Equal(DecisionKind.RollbackDeployment, decision.Kind);
        Assert.Equal(RolloutPhase.RolledBack, decision.Next.Phase);
    }

    [Fact]
    public void A_failing_fleet_gate_rolls_back_the_whole_deployment()
    {
        // 150 crashes in 5000 inferences per cohort: 300 / 10000 = 0.03 > 0.01 fleet-wide, its interval clear of 0.01.
        var decision = RolloutEngine.Evaluate(_definition, _start, Cohorts(("a", Measured(5, 5000, 150)), ("b", Measured(5, 5000, 150))), T0);

        Assert.Equal(DecisionKind.RollbackDeployment, decision.Kind);
        var fleet = decision.Gates.Single(g => g.Scope == GateResult.FleetScope);
        Assert.Equal(0.03, fleet.Observed, 15);
        Assert.Equal(10000, fleet.Samples);
        Assert.True(fleet.Lower > 0.01);
        Assert.StartsWith("fleet gate failed: crash_rate on fleet: 0.03, interval [", decision.Reason, StringComparison.Ordinal);
        Assert.EndsWith("breaks <= 0.01 over 10000 samples", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Passing_the_last_stage_completes_the_rollout()
    {
        var onLast = _start with { StageIndex = 1 };
        var decision = RolloutEngine.Evaluate(_definition, onLast, Cohorts(("a", Measured(5, 5000))), T0);

        Assert.Equal(DecisionKind.Complete, decision.Kind);
        Assert.Equal(RolloutPhase.Completed, decision.Next.Phase);
        Assert.Equal(100, RolloutAssignment.From("d", _definition, decision.Next).Percent);
    }

    [Fact]
    public void A_paused_rollout_does_not_move_until_resumed()
    {
        var paused = RolloutEngine.Pause(_start);
        Assert.Equal(DecisionKind.Pause, paused.Kind);
        Assert.Equal(RolloutPhase.Paused, paused.Next.Phase);

        var held = RolloutEngine.Evaluate(_definition, paused.Next, Cohorts(("a", Measured(5, 5000))), T0.AddHours(2));
        Assert.Equal(DecisionKind.Hold, held.Kind);
        Assert.False(held.ChangesState(paused.Next));

        Assert.False(RolloutEngine.Pause(paused.Next).ChangesState(paused.Next));
        var resumed = RolloutEngine.Resume(paused.Next);
        Assert.Equal(RolloutPhase.Progressing, resumed.Next.Phase);
        Assert.Equal(DecisionKind.Advance, RolloutEngine.Evaluate(_definition, resumed.Next, Cohorts(("a", Measured(5, 5000))), T0.AddHours(2)).Kind);
    }

    [Fact]
    public void Promote_skips_the_gates_and_abort_sends_everyone_back()
    {
        var promoted = RolloutEngine.ForcePromote(_definition, _start, T0.AddMinutes(5));
        Assert.Equal(DecisionKind.Promote, promoted.Kind);
        Assert.Equal(1, promoted.Next.StageIndex);

        var aborted = RolloutEngine.Abort(promoted.Next);
        Assert.Equal(RolloutPhase.Aborted, aborted.Next.Phase);
        Assert.False(RolloutEngine.Abort(aborted.Next).ChangesState(aborted.Next));
        Assert.False(RolloutEngine.ForcePromote(_definition, aborted.Next, T0).ChangesState(aborted.Next));
    }

    [Fact]
    public void With_no_cohort_reporting_yet_the_rollout_waits()
    {
        var decision = RolloutEngine.Evaluate(_definition, _start, Cohorts(), T0.AddHours(5));

        Assert.Equal(DecisionKind.Hold, decision.Kind);
        Assert.Contains("no cohort has reported", decision.Reason, StringComparison.Ordinal);
        // Per cohort as in lock-step, the fleet gates are shown waiting, with nothing observed.
        var fleetGate = Assert.Single(decision.Gates);
        Assert.Equal(("crash_rate", GateVerdict.Inconclusive, 0L), (fleetGate.Gate.Metric, fleetGate.Verdict, fleetGate.Samples));
        Assert.True(double.IsNaN(fleetGate.Observed));
    }

    [Fact]
    public void A_stage_without_gates_advances_once_it_has_baked()
    {
        var gateless = _definition with { Stages = [new RolloutStage("soak", 5, TimeSpan.FromMinutes(30), []), _definition.Stages[1]] };

        Assert.Equal(DecisionKind.Hold, RolloutEngine.Evaluate(gateless, _start, Cohorts(), T0.AddMinutes(29)).Kind);
        Assert.Equal(DecisionKind.Advance, RolloutEngine.Evaluate(gateless, _start, Cohorts(), T0.AddMinutes(30)).Kind);
    }

    [Fact]
    public void Privacy_noise_makes_a_count_gate_wait_for_more_samples()
    {
        // 2,000 inferences in 200 reports with 4 crashes, beside 5,000 in 500 without: the fleet's rate is
        // 4/7,000 against a threshold of 0.01.
        var metrics = Measured(5, 2000, crashes: 4);
        metrics.Counters.Reports = 200;
        var observed = Cohorts(("a", Measured(5, 5000)), ("b", metrics));

        // Without noise the fleet crash gate passes; at ε = 1 the noise on the rate, √(2·700)/7,000 ≈ 0.0053,
        // times the interval's z (3.2 at 7,000 samples) takes its upper end past 0.011, so the gate waits;
        // at ε = 100 that noise is 0.000053.
        Assert.Equal(GateVerdict.Pass, Crash(RolloutEngine.Evaluate(_definition, _start, observed, T0.AddHours(1))).Verdict);
        Assert.Equal(GateVerdict.Inconclusive, Crash(RolloutEngine.Evaluate(_definition with { Privacy = PrivacyPolicy.WithDefaultBudget(1) }, _start, observed, T0.AddHours(1))).Verdict);
        Assert.Equal(GateVerdict.Pass, Crash(RolloutEngine.Evaluate(_definition with { Privacy = PrivacyPolicy.WithDefaultBudget(100) }, _start, observed, T0.AddHours(1))).Verdict);
    }

    private static GateResult Crash(RolloutDecision decision) => decision.Gates.Single(g => g.Gate.Metric == "crash_rate");

    private static double QuantileSketchValue(double v) => ApexFleet.Domain.Statistics.QuantileSketch.ValueOf(ApexFleet.Domain.Statistics.QuantileSketch.IndexOf(v));
}
