using ApexFleet.Domain.Rollout;
using static ApexFleet.Domain.Tests.Rollout.RolloutFixtures;

namespace ApexFleet.Domain.Tests.Rollout;

/// <summary>Cohorts move on their own evidence; fleet gates still bind everyone; undecided gates end by policy.</summary>
public class PerCohortProgressionTests
{
    private static readonly DateTimeOffset AfterBake = T0.AddHours(1);

    // "slow" has too few samples to decide; "a" is clearly fine.
    private static Dictionary<string, VariantMetrics> OneUndecided() => Cohorts(("a", Measured(5, 5000)), ("slow", Measured(5, 50)));

    [Fact]
    public void A_healthy_cohort_advances_while_an_undecided_one_holds_only_itself()
    {
        var definition = TwoStages();
        var decision = RolloutEngine.Evaluate(definition, RolloutState.Start(T0), OneUndecided(), AfterBake);

        Assert.Equal(DecisionKind.Advance, decision.Kind);
        Assert.Equal(["a"], decision.CohortsAdvanced);
        Assert.Equal(1, decision.Next.ProgressOf("a").StageIndex);
        Assert.Equal(0, decision.Next.ProgressOf("slow").StageIndex);
        Assert.Equal(0, decision.Next.StageIndex);
        var assignment = RolloutAssignment.From("d", definition, decision.Next);
        Assert.Equal((100.0, 10.0, 10.0), (assignment.PercentFor("a"), assignment.PercentFor("slow"), assignment.PercentFor("not-yet-reporting")));
    }

    [Fact]
    public void Lockstep_keeps_every_cohort_waiting_for_the_undecided_one()
    {
        var definition = TwoStages() with { Progression = Progression.Lockstep };
        var decision = RolloutEngine.Evaluate(definition, RolloutState.Start(T0), OneUndecided(), AfterBake);

        Assert.Equal(DecisionKind.Hold, decision.Kind);
        Assert.Equal(0, decision.Next.StageIndex);
    }

    [Fact]
    public void The_rollout_completes_when_every_remaining_cohort_has_passed_the_last_stage()
    {
        var definition = TwoStages();
        var state = RolloutState.Start(T0);
        var observed = Cohorts(("a", Measured(5, 5000)), ("b", Measured(5, 5000)));
        var first = RolloutEngine.Evaluate(definition, state, observed, AfterBake);
        var second = RolloutEngine.Evaluate(definition, first.Next, observed, AfterBake.AddMinutes(10));

        Assert.Equal(DecisionKind.Advance, first.Kind);
        Assert.Equal(1, first.Next.StageIndex);
        Assert.Equal(DecisionKind.Complete, second.Kind);
        Assert.Equal(RolloutPhase.Completed, second.Next.Phase);
    }

    [Fact]
    public void A_failing_fleet_gate_still_rolls_back_every_cohort()
    {
        var observed = Cohorts(("a", Measured(5, 5000, 200)), ("b", Measured(5, 5000, 200)));
        var decision = RolloutEngine.Evaluate(TwoStages(), RolloutState.Start(T0), observed, T0.AddMinutes(10));

        Assert.Equal(DecisionKind.RollbackDeployment, decision.Kind);
    }

    [Theory]
    [InlineData(InconclusiveAction.Rollback, DecisionKind.RollbackCohorts, RolloutPhase.Progressing)]
    [InlineData(InconclusiveAction.Pause, DecisionKind.Pause, RolloutPhase.Paused)]
    [InlineData(InconclusiveAction.Hold, DecisionKind.Hold, RolloutPhase.Progressing)]
    public void An_undecided_gate_past_the_stage_limit_triggers_its_policy(InconclusiveAction action, DecisionKind expected, RolloutPhase phase)
    {
        var definition = WithStagePolicy(new InconclusivePolicy(TimeSpan.FromHours(2), action));
        var advanced = RolloutEngine.Evaluate(definition, RolloutState.Start(T0), OneUndecided(), AfterBake).Next;
        var state = RolloutEngine.Evaluate(definition, advanced, OneUndecided(), T0.AddHours(1.5)).Next;
        Assert.True(state.ProgressOf("a").Done);

        var before = RolloutEngine.Evaluate(definition, state, OneUndecided(), T0.AddHours(1.9));
        var after = RolloutEngine.Evaluate(definition, state, OneUndecided(), T0.AddHours(2));

        Assert.Equal(DecisionKind.Hold, before.Kind);
        Assert.Equal(HoldCause.AwaitingReports, before.Cause);
        Assert.Equal(expected, after.Kind);
        Assert.Equal(phase, after.Next.Phase);
        Assert.Contains("past its limit of 2 h", after.Reason, StringComparison.Ordinal);
        Assert.Contains("latency_p95_ms on slow: inconclusive", after.Reason, StringComparison.Ordinal);
        if (action == InconclusiveAction.Rollback)
        {
            Assert.Equal(["slow"], after.CohortsRolledBack);
        }

        if (action == InconclusiveAction.Hold)
        {
            Assert.Equal(HoldCause.InconclusiveLimit, after.WaitingOn);
        }
    }

    [Theory]
    [InlineData(InconclusiveAction.Pause, DecisionKind.Pause, RolloutPhase.Paused)]
    [InlineData(InconclusiveAction.Rollback, DecisionKind.RollbackDeployment, RolloutPhase.RolledBack)]
    [InlineData(InconclusiveAction.Hold, DecisionKind.Hold, RolloutPhase.Progressing)]
    public void A_stage_no_device_reports_from_is_undecided_and_ends_by_the_same_policy(InconclusiveAction action, DecisionKind expected, RolloutPhase phase)
    {
        var definition = WithStagePolicy(new InconclusivePolicy(TimeSpan.FromHours(2), action));
        var silent = new Dictionary<string, VariantMetrics>();

        var early = RolloutEngine.Evaluate(definition, RolloutState.Start(T0), silent, T0.AddHours(1.9));
        var late = RolloutEngine.Evaluate(definition, RolloutState.Start(T0), silent, T0.AddHours(2));

        Assert.Equal((DecisionKind.Hold, HoldCause.AwaitingReports), (early.Kind, early.Cause));
        Assert.Equal((expected, phase), (late.Kind, late.Next.Phase));
        Assert.Contains("undecided for 2 h in stage 'canary', past its limit of 2 h", late.Reason);
    }

    [Fact]
    public void A_gate_level_policy_overrides_the_stage_policy()
    {
        var strict = LatencyPerCohort with { Inconclusive = new InconclusivePolicy(TimeSpan.FromMinutes(30), InconclusiveAction.Rollback) };
        var stages = TwoStages().Stages;
        var definition = TwoStages() with
        {
            Stages = [stages[0] with { Gates = [strict, CrashesFleetWide], Inconclusive = new InconclusivePolicy(TimeSpan.FromDays(1), InconclusiveAction.Hold) }, stages[1]],
        };

        var decision = RolloutEngine.Evaluate(definition, RolloutState.Start(T0), OneUndecided(), T0.AddMinutes(30));

        Assert.Equal(DecisionKind.RollbackCohorts, decision.Kind);
        Assert.Equal(["slow"], decision.CohortsRolledBack);
    }

    [Fact]
    public void Lockstep_applies_the_policy_to_the_undecided_cohort()
    {
        var definition = WithStagePolicy(new InconclusivePolicy(TimeSpan.FromHours(2), InconclusiveAction.Rollback)) with { Progression = Progression.Lockstep };

        var decision = RolloutEngine.Evaluate(definition, RolloutState.Start(T0), OneUndecided(), T0.AddHours(2));

        Assert.Equal(DecisionKind.RollbackCohorts, decision.Kind);
        Assert.Equal(["slow"], decision.CohortsRolledBack);
    }

    private static RolloutDefinition WithStagePolicy(InconclusivePolicy policy)
    {
        var definition = TwoStages();
        return definition with { Stages = [.. definition.Stages.Select(s => s with { Inconclusive = policy })] };
    }
}
