using ApexFleet.Domain.Rollout;
using static ApexFleet.Domain.Tests.Rollout.RolloutFixtures;

namespace ApexFleet.Domain.Tests.Rollout;

/// <summary>After 100 %: late-harm gates keep watching for the monitoring window.</summary>
public class MonitoringTests
{
    private static readonly RolloutDefinition Watched = TwoStages() with { MonitorWindow = TimeSpan.FromDays(7) };

    private static RolloutState AtLastStage() =>
        RolloutState.Start(T0).Next(s => s with { StageIndex = 1, StageStartedAt = T0.AddHours(1) });

    [Fact]
    public void Passing_the_last_stage_starts_the_monitoring_window_with_everyone_on_the_new_version()
    {
        var decision = RolloutEngine.Evaluate(Watched, AtLastStage(), Cohorts(("a", Measured(5, 1000))), T0.AddHours(2));

        Assert.Equal(DecisionKind.Monitor, decision.Kind);
        Assert.Equal(RolloutPhase.Monitoring, decision.Next.Phase);
        Assert.Equal(T0.AddHours(2), decision.Next.StageStartedAt);
        Assert.Equal(100, Watched.PercentAt(decision.Next));
        Assert.False(decision.Next.Phase.IsFinal());
    }

    [Fact]
    public void Without_a_window_the_last_stage_completes_at_once()
    {
        var decision = RolloutEngine.Evaluate(TwoStages(), AtLastStage(), Cohorts(("a", Measured(5, 1000))), T0.AddHours(2));

        Assert.Equal(DecisionKind.Complete, decision.Kind);
        Assert.Equal(RolloutPhase.Completed, decision.Next.Phase);
    }

    [Fact]
    public void Only_late_harm_gates_keep_watching()
    {
        Assert.Equal(["crash_rate"], Watched.MonitoringStage.Gates.Select(g => g.Metric));
    }

    [Fact]
    public void A_late_crash_spike_rolls_everything_back_and_says_it_was_late()
    {
        var monitoring = RolloutEngine.Evaluate(Watched, AtLastStage(), Cohorts(("a", Measured(5, 1000))), T0.AddHours(2)).Next;

        var decision = RolloutEngine.Evaluate(Watched, monitoring, Cohorts(("a", Measured(5, 1000, crashes: 50))), T0.AddDays(3));

        Assert.Equal(DecisionKind.RollbackDeployment, decision.Kind);
        Assert.Equal(RolloutPhase.RolledBack, decision.Next.Phase);
        Assert.StartsWith("late failure after completion", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_quiet_window_completes_the_rollout_when_it_ends()
    {
        var monitoring = RolloutEngine.Evaluate(Watched, AtLastStage(), Cohorts(("a", Measured(5, 1000))), T0.AddHours(2)).Next;

        var during = RolloutEngine.Evaluate(Watched, monitoring, Cohorts(("a", Measured(5, 1000))), T0.AddHours(2).AddDays(6));
        var after = RolloutEngine.Evaluate(Watched, monitoring, Cohorts(("a", Measured(5, 1000))), T0.AddHours(2).AddDays(7));

        Assert.Equal((DecisionKind.Hold, HoldCause.Monitoring), (during.Kind, during.Cause));
        Assert.Equal(RolloutPhase.Monitoring, during.Next.Phase);
        Assert.Equal(DecisionKind.Complete, after.Kind);
        Assert.Equal(RolloutPhase.Completed, after.Next.Phase);
    }

    [Fact]
    public void Promoting_by_hand_during_monitoring_ends_the_window()
    {
        var monitoring = RolloutEngine.Evaluate(Watched, AtLastStage(), Cohorts(("a", Measured(5, 1000))), T0.AddHours(2)).Next;

        var decision = RolloutEngine.ForcePromote(Watched, monitoring, T0.AddDays(1));

        Assert.Equal(RolloutPhase.Completed, decision.Next.Phase);
    }

    [Fact]
    public void Per_cohort_the_window_opens_only_when_the_last_cohort_passes_the_last_stage_and_still_rolls_back_late()
    {
        var slow = Cohorts(("a", Measured(5, 5000)), ("b", Measured(5, 50)));
        var ready = Cohorts(("a", Measured(5, 5000)), ("b", Measured(5, 5000)));

        var aAdvances = RolloutEngine.Evaluate(Watched, RolloutState.Start(T0), slow, T0.AddHours(1));
        var aDone = RolloutEngine.Evaluate(Watched, aAdvances.Next, slow, T0.AddHours(1.5));
        var bAdvances = RolloutEngine.Evaluate(Watched, aDone.Next, ready, T0.AddHours(2));
        var everyone = RolloutEngine.Evaluate(Watched, bAdvances.Next, ready, T0.AddHours(2.5));
        var late = RolloutEngine.Evaluate(Watched, everyone.Next, Cohorts(("a", Measured(5, 5000, crashes: 250)), ("b", Measured(5, 5000))), T0.AddDays(3));

        Assert.Equal((DecisionKind.Advance, DecisionKind.Advance, DecisionKind.Advance), (aAdvances.Kind, aDone.Kind, bAdvances.Kind));
        Assert.True(aDone.Next.ProgressOf("a").Done);
        Assert.Equal(RolloutPhase.Progressing, bAdvances.Next.Phase);
        Assert.Equal(100, RolloutAssignment.From("d", Watched, aDone.Next).PercentFor("a"));
        Assert.Equal(10, RolloutAssignment.From("d", Watched, aDone.Next).PercentFor("b"));
        Assert.Equal(DecisionKind.Monitor, everyone.Kind);
        Assert.Equal((RolloutPhase.Monitoring, T0.AddHours(2.5)), (everyone.Next.Phase, everyone.Next.StageStartedAt));
        Assert.Equal(100, RolloutAssignment.From("d", Watched, everyone.Next).PercentFor("b"));
        Assert.Equal(DecisionKind.RollbackDeployment, late.Kind);
        Assert.StartsWith("late failure after completion: fleet gate failed: crash_rate", late.Reason, StringComparison.Ordinal);
    }
}
