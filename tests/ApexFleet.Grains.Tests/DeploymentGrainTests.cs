using ApexFleet.Abstractions.Deployments;
using ApexFleet.Abstractions.Devices;
using ApexFleet.Domain.Devices;
using ApexFleet.Domain.Fleet;
using ApexFleet.Domain.Rollout;
using ApexFleet.Testing;

namespace ApexFleet.Grains.Tests;

[Collection(FleetClusterCollection.Name)]
public class DeploymentGrainTests(FleetClusterFixture fleet)
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 6, 0, 0, TimeSpan.Zero);

    private static string Manifest(string name, string model) => $$"""
        apiVersion: apexfleet.io/v1
        kind: Deployment
        metadata: { name: {{name}} }
        spec:
          model: { id: {{model}}, version: "2.0.0", previousVersion: "1.0.0", precision: INT8, sizeMB: 2 }
          seed: 3
          stages:
            - name: half
              percent: 50
              gates:
                - { metric: latency_p95_ms, operator: "<=", threshold: 10, minSamples: 20, scope: cohort }
            - name: everyone
              percent: 100
              gates:
                - { metric: latency_p95_ms, operator: "<=", threshold: 10, minSamples: 20, scope: cohort }
        """;

    private async Task<List<TestPhone>> EnrollAsync(string model, string chipset, int count)
    {
        var phones = Enumerable.Range(0, count)
            .Select(i => new TestPhone(fleet.Grains, $"{model}-{chipset}-{i}", chipset, new ModelSlot(model, "1.0.0", Precision.Int8)))
            .ToList();
        await Task.WhenAll(phones.Select(p => p.EnrollAsync()));
        return phones;
    }

    /// <summary>One round: every phone reports, deltas reach cohorts, the deployment judges, silos learn the result.</summary>
    private async Task<RolloutStatus> TickAsync(IDeploymentGrain deployment, List<TestPhone> phones, Func<TestPhone, ModelSlot, float> latency, int tick)
    {
        await Task.WhenAll(phones.Select(p => p.ReportAsync(model => latency(p, model))));
        await fleet.FlushAsync();
        var status = await deployment.Evaluate(T0.AddMinutes(10 * tick));
        await fleet.SyncAssignmentsAsync();
        return status;
    }

    [Fact]
    public async Task A_slow_cohort_is_rolled_back_while_the_others_complete_and_the_audit_says_why()
    {
        var fast = await EnrollAsync("rb", "fast-chip", 40);
        var slow = await EnrollAsync("rb", "slow-chip", 40);
        var phones = fast.Concat(slow).ToList();
        var deployment = fleet.Grains.GetGrain<IDeploymentGrain>("rb-rollout");
        await deployment.Start(Manifest("rb-rollout", "rb"), "test", new StartOptions(null, T0, "test"));
        await fleet.SyncAssignmentsAsync();

        float Latency(TestPhone phone, ModelSlot model) => model.Version == "1.0.0" ? 1 : phone.Id.Contains("slow", StringComparison.Ordinal) ? 20 : 2;
        var status = await deployment.GetStatus();
        for (var tick = 1; tick <= 8 && !status.IsFinal; tick++)
        {
            status = await TickAsync(deployment, phones, Latency, tick);
        }

        // One more round so the last rollback installs land.
        await TickAsync(deployment, phones, Latency, 9);
        await TickAsync(deployment, phones, Latency, 10);
        status = await deployment.GetStatus();

        Assert.Equal(RolloutPhase.Completed, status.Phase);
        Assert.Equal(["slow-chip"], status.ExcludedCohorts);
        Assert.All(fast, p => Assert.Equal("2.0.0", p.Installed.Version));
        Assert.All(slow, p => Assert.Equal("1.0.0", p.Installed.Version));
        var slowSnapshots = await Task.WhenAll(slow.Select(p => p.Grain.GetSnapshot()));
        Assert.Contains(slowSnapshots, s => s.InstallState == InstallState.RolledBack && s.Previous?.Version == "2.0.0");
        Assert.All(slowSnapshots, s => Assert.Equal("1.0.0", s.Installed?.Version));

        var exposure = status.Cohorts.ToDictionary(c => c.Cohort);
        Assert.Equal((40L, 40L, 0L), (exposure["fast-chip"].Devices, exposure["fast-chip"].OnTarget, exposure["fast-chip"].OnPrevious));
        Assert.Equal((40L, 0L, 40L, true), (exposure["slow-chip"].Devices, exposure["slow-chip"].OnTarget, exposure["slow-chip"].OnPrevious, exposure["slow-chip"].RolledBack));

        var audit = await deployment.GetAudit();
        // Per cohort: the fast cohort moves on in the same decision that sends the slow one back.
        Assert.Equal(["Start", "RollbackCohorts", "Complete"], audit.Select(a => a.Decision).Where(d => d != "Hold").ToList());
        var rollback = audit.Single(a => a.Decision == "RollbackCohorts");
        Assert.Equal(["slow-chip"], rollback.CohortsRolledBack);
        Assert.Equal("engine", rollback.Actor);
        var failed = rollback.Gates.Single(g => g.Verdict == GateVerdict.Fail);
        Assert.Equal(("latency_p95_ms", "slow-chip", ComparisonOperator.LessOrEqual, 10.0), (failed.Metric, failed.Scope, failed.Operator, failed.Threshold));
        Assert.InRange(failed.Observed, 19.8, 20.2);
        Assert.True(failed.Samples >= 20);
        Assert.Equal("Complete", audit[^1].Decision);

        // A rollback install reported to an activation that never stored the direction (it went
        // with a silo) is still told apart from a forward one: the assignment says it again.
        var v1 = new ModelSlot("rb", "1.0.0", Precision.Int8);
        var latecomer = fleet.Grains.GetGrain<IDeviceGrain>("rb-slow-chip-latecomer");
        await latecomer.Enroll(new DeviceProfile("slow-chip", "slow-chip", "mid", "android", "15", "eu", "7.4.0", "north"), new ModelSlot("rb", "2.0.0", Precision.Int8));
        await latecomer.Report(new TelemetryReport { Sequence = 1, At = T0, Running = v1, Install = new InstallProgress(v1, InstallState.Installed) });
        var landed = await latecomer.GetSnapshot();
        Assert.Equal((InstallState.RolledBack, "1.0.0", "2.0.0"), (landed.InstallState, landed.Installed?.Version, landed.Previous?.Version));
    }

    [Fact]
    public async Task A_gate_that_cannot_decide_pauses_the_rollout_after_the_silos_day_when_the_manifest_sets_no_limit()
    {
        var phones = await EnrollAsync("undecided", "chip-undecided", 4);
        var deployment = fleet.Grains.GetGrain<IDeploymentGrain>("undecided-rollout");
        await deployment.Start(Manifest("undecided-rollout", "undecided"), "test", new StartOptions(null, T0, "alice"));

        // Four phones never reach the gate's 20 samples at 50 %, so latency stays undecided.
        Assert.Equal(RolloutPhase.Progressing, (await TickAsync(deployment, phones, (_, _) => 1, 1)).Phase);
        // The stage began at T0; a cohort that reports on the new version enters it at the first tick (T0 + 10 min).
        Assert.Equal(RolloutPhase.Progressing, (await deployment.Evaluate(T0.AddHours(23.9))).Phase);
        var paused = await deployment.Evaluate(T0.AddMinutes(10).AddHours(24));

        Assert.Equal(RolloutPhase.Paused, paused.Phase);
        var audit = await deployment.GetAudit();
        var why = audit[^1];
        Assert.Contains("past its limit of 24 h: pause", why.Reason);
    }

    [Fact]
    public async Task People_can_pause_resume_promote_and_abort_and_each_is_recorded()
    {
        var phones = await EnrollAsync("mc", "chip-mc", 10);
        var deployment = fleet.Grains.GetGrain<IDeploymentGrain>("mc-rollout");
        await deployment.Start(Manifest("mc-rollout", "mc"), "test", new StartOptions(null, T0, "alice"));

        Assert.Equal(RolloutPhase.Paused, (await deployment.Pause("cli:alice")).Phase);
        var twice = await Assert.ThrowsAsync<InvalidOperationException>(() => deployment.Pause("cli:alice"));
        Assert.Equal("cannot pause: rollout is paused", twice.Message);
        Assert.Equal(RolloutPhase.Progressing, (await deployment.Resume("cli:bob")).Phase);
        Assert.Equal(1, (await deployment.Promote("cli:bob")).StageIndex);
        Assert.Equal(RolloutPhase.Aborted, (await deployment.Abort("cli:carol")).Phase);
        await fleet.SyncAssignmentsAsync();

        var directives = await Task.WhenAll(phones.Select(p => p.ReportAsync(_ => 1)));
        Assert.All(directives, d => Assert.Equal(("1.0.0", true), (d.Desired!.Version, d.IsRollback)));

        var audit = await deployment.GetAudit();
        Assert.Equal(
            [("Start", "alice"), ("Pause", "cli:alice"), ("Resume", "cli:bob"), ("Promote", "cli:bob"), ("Abort", "cli:carol")],
            audit.Select(a => (a.Decision, a.Actor)).ToList());
    }

    [Fact]
    public async Task A_broken_manifest_is_refused_with_its_errors_and_leaves_nothing_behind()
    {
        var deployment = fleet.Grains.GetGrain<IDeploymentGrain>("broken");
        var broken = Manifest("broken", "br").Replace("percent: 50", "percent: 150", StringComparison.Ordinal);

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => deployment.Start(broken, "broken.yaml", new StartOptions(null, T0, "test")));

        Assert.Contains("broken.yaml:9:16: spec.stages[0].percent: must be between 0.0001 and 100 (got 150)", ex.Message, StringComparison.Ordinal);
        Assert.Equal(RolloutPhase.NotStarted, (await deployment.GetStatus()).Phase);
    }

    [Fact]
    public async Task Starting_a_different_manifest_under_a_running_name_is_refused()
    {
        var deployment = fleet.Grains.GetGrain<IDeploymentGrain>("dup-rollout");
        await deployment.Start(Manifest("dup-rollout", "dup"), "a.yaml", new StartOptions(null, T0, "test"));
        var again = await deployment.Start(Manifest("dup-rollout", "dup"), "a.yaml", new StartOptions(null, T0, "test"));

        Assert.Equal(RolloutPhase.Progressing, again.Phase);
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            deployment.Start(Manifest("dup-rollout", "dup2"), "b.yaml", new StartOptions(null, T0, "test")));
    }

    [Fact]
    public async Task A_second_rollout_of_a_running_model_is_refused_and_leaves_the_fleet_alone()
    {
        var phones = await EnrollAsync("own", "own-chip", 20);
        var first = fleet.Grains.GetGrain<IDeploymentGrain>("own-first");
        await first.Start(Manifest("own-first", "own"), "a.yaml", new StartOptions(null, T0, "test"));
        await TickAsync(first, phones, (_, _) => 5, 1);

        var intruder = fleet.Grains.GetGrain<IDeploymentGrain>("own-intruder");
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            intruder.Start(Manifest("own-intruder", "own"), "b.yaml", new StartOptions(null, T0, "mallory")));

        Assert.Contains("model 'own' is being rolled out by deployment 'own-first'", refused.Message, StringComparison.Ordinal);
        Assert.Equal(RolloutPhase.NotStarted, (await intruder.GetStatus()).Phase);
        var directive = await phones[0].ReportAsync(_ => 5);
        Assert.True(directive.Accepted);
        var table = await fleet.Grains.GetGrain<Abstractions.Fleet.IFleetDirectoryGrain>(0).GetAssignments();
        Assert.Equal("own-first", table.ByModel["own"].DeploymentId);
    }

    [Fact]
    public async Task A_rollout_that_names_the_one_it_supersedes_takes_the_model_and_ends_the_other_with_an_audit_record()
    {
        var phones = await EnrollAsync("sup", "sup-chip", 20);
        var first = fleet.Grains.GetGrain<IDeploymentGrain>("sup-first");
        await first.Start(Manifest("sup-first", "sup"), "a.yaml", new StartOptions(null, T0, "test"));
        await TickAsync(first, phones, (_, _) => 5, 1);

        var second = fleet.Grains.GetGrain<IDeploymentGrain>("sup-second");
        var started = await second.Start(Manifest("sup-second", "sup"), "b.yaml", new StartOptions(null, T0, "alice", Supersedes: "sup-first"));

        Assert.Equal(RolloutPhase.Progressing, started.Phase);
        Assert.Equal(RolloutPhase.Aborted, (await first.GetStatus()).Phase);
        var ended = (await first.GetAudit())[^1];
        Assert.Equal(("Superseded", "alice"), (ended.Decision, ended.Actor));
        Assert.Contains("superseded by deployment 'sup-second'", ended.Reason, StringComparison.Ordinal);
        var table = await fleet.Grains.GetGrain<Abstractions.Fleet.IFleetDirectoryGrain>(0).GetAssignments();
        Assert.Equal("sup-second", table.ByModel["sup"].DeploymentId);
    }

    [Fact]
    public async Task A_new_rollout_of_the_same_versions_starts_from_no_evidence()
    {
        var phones = await EnrollAsync("ev", "ev-chip", 30);
        var first = fleet.Grains.GetGrain<IDeploymentGrain>("ev-first");
        await first.Start(Manifest("ev-first", "ev"), "a.yaml", new StartOptions(null, T0, "test"));
        var status = await first.GetStatus();
        for (var tick = 1; tick <= 8 && !status.IsFinal; tick++)
        {
            status = await TickAsync(first, phones, (_, _) => 5, tick);
        }

        Assert.Equal(RolloutPhase.Completed, status.Phase);
        var second = fleet.Grains.GetGrain<IDeploymentGrain>("ev-second");
        var started = await second.Start(Manifest("ev-second", "ev"), "b.yaml", new StartOptions(null, T0, "test"));
        var judged = await second.Evaluate(T0.AddMinutes(1));

        // The first rollout (completed) measured hundreds of inferences on these phones; none of them is the second's.
        Assert.Equal(RolloutPhase.Progressing, started.Phase);
        Assert.NotEmpty(judged.LastGates);
        Assert.All(judged.LastGates, g => Assert.Equal((0L, GateVerdict.Inconclusive), (g.Samples, g.Verdict)));
        var cohort = await fleet.Grains.GetGrain<Abstractions.Cohorts.ICohortGrain>("ev-chip").GetSnapshot();
        Assert.Contains(cohort.Variants, v => v.Deployment == "ev-first" && v.Inferences > 0);
        Assert.DoesNotContain(cohort.Variants, v => v.Deployment == "ev-second" && v.Inferences > 0);
    }
}
