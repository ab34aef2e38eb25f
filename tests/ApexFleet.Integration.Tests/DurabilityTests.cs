using ApexFleet.Abstractions.Cohorts;
using ApexFleet.Abstractions.Deployments;
using ApexFleet.Abstractions.Devices;
using ApexFleet.Abstractions.Fleet;
using ApexFleet.Domain.Devices;
using ApexFleet.Domain.Fleet;
using ApexFleet.Domain.Rollout;
using ApexFleet.Integration.Tests.Support;
using ApexFleet.Testing;

namespace ApexFleet.Integration.Tests;

/// <summary>Grain state in a real PostgreSQL through Orleans' ADO.NET providers, across silo restarts.</summary>
public class DurabilityTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Device_state_written_by_one_silo_is_read_back_unchanged_by_the_next()
    {
        var options = FleetHost.Durable($"dur-device-{Guid.NewGuid():N}");
        var slot = new ModelSlot("m", "1.0.0", Precision.Int8);
        DeviceSnapshot before;
        await using (var first = await FleetHost.StartAsync(options))
        {
            var device = first.Grains.GetGrain<IDeviceGrain>("pg-phone-1");
            await device.Enroll(new DeviceProfile("snapdragon-660", "Snapdragon 660", "low", "android", "13", "latam", "7.4.0", "west"), slot);
            for (var seq = 1; seq <= 3; seq++)
            {
                await device.Report(new TelemetryReport { Sequence = seq, At = T0, Running = slot, LatenciesMs = [10f * seq, 11f], Counters = new() { Crashes = seq == 2 ? 1 : 0, Outcomes = new(1, 0, 0, 0) } });
            }

            await device.Report(new TelemetryReport { Sequence = 4, At = T0, Running = slot, LatenciesMs = [float.PositiveInfinity] });
            before = await device.GetSnapshot();
            await first.StopAsync();
        }

        await using var second = await FleetHost.StartAsync(FleetHost.Restarted(options));
        var after = await second.Grains.GetGrain<IDeviceGrain>("pg-phone-1").GetSnapshot();

        Assert.Equivalent(before, after, strict: true);
        Assert.Equal((3L, 1L, 6L, 1L, 3L), (after.LastSequence, after.RejectedReports, after.Counters.Inferences, after.Counters.Crashes, after.Counters.Outcomes.TruePositives));
    }

    [Fact]
    public async Task A_device_that_only_asks_what_to_run_keeps_the_answer_across_a_restart()
    {
        // A durable silo stores every report before answering it, and a changed direction too: an agent
        // asking at start-up moves to the rollout's stage, and a restart (or a silo whose copy of the
        // rollout lags) must not forget that it did. Asking saves nothing otherwise, not even at shutdown.
        var options = FleetHost.Durable($"dur-directive-{Guid.NewGuid():N}");
        var manifest = """
            apiVersion: apexfleet.io/v1
            kind: Deployment
            metadata: { name: asked-rollout }
            spec:
              model: { id: asked-model, version: "2.0.0", previousVersion: "1.0.0", precision: INT8 }
              stages:
                - { name: all, percent: 100, gates: [ { metric: latency_p95_ms, operator: "<=", threshold: 50, minSamples: 10, scope: cohort } ] }
            """;
        DeviceSnapshot asked;
        await using (var first = await FleetHost.StartAsync(options))
        {
            var device = first.Grains.GetGrain<IDeviceGrain>("pg-asker");
            await device.Enroll(new DeviceProfile("chip-a", "Chip A", "mid", "android", "14", "eu", "7.4.0", "north"), new ModelSlot("asked-model", "1.0.0", Precision.Int8));
            await first.Grains.GetGrain<IDeploymentGrain>("asked-rollout").Start(manifest, "asked.yaml", new StartOptions(null, T0, "test"));

            var directive = await device.GetDirective();
            asked = await device.GetSnapshot();
            Assert.Equal(("2.0.0", InstallState.Pending), (directive.Desired?.Version, asked.InstallState));
            await first.StopAsync();
        }

        await using var second = await FleetHost.StartAsync(FleetHost.Restarted(options));
        var after = await second.Grains.GetGrain<IDeviceGrain>("pg-asker").GetSnapshot();

        Assert.Equivalent(asked, after, strict: true);
    }

    [Fact]
    public async Task A_rollout_stopped_at_its_second_stage_continues_on_a_new_silo_with_no_device_lost_or_counted_twice()
    {
        var options = FleetHost.Durable($"dur-rollout-{Guid.NewGuid():N}");
        var chipsets = new[] { "chip-a", "chip-b", "chip-c" };
        var phones = Enumerable.Range(0, 120).Select(i => (Id: $"pg-{i:D3}", Chipset: chipsets[i % 3])).ToList();
        var manifest = """
            apiVersion: apexfleet.io/v1
            kind: Deployment
            metadata: { name: durable-rollout }
            spec:
              model: { id: durable-model, version: "2.0.0", previousVersion: "1.0.0", precision: INT8 }
              stages:
                - { name: ten, percent: 10, gates: [ { metric: latency_p95_ms, operator: "<=", threshold: 50, minSamples: 10, scope: cohort } ] }
                - { name: half, percent: 50, gates: [ { metric: latency_p95_ms, operator: "<=", threshold: 50, minSamples: 10, scope: cohort } ] }
                - { name: all, percent: 100, gates: [ { metric: latency_p95_ms, operator: "<=", threshold: 50, minSamples: 10, scope: cohort } ] }
            """;
        var tick = 0;
        List<TestPhone> testPhones;
        RolloutStatus atStop;

        await using (var first = await FleetHost.StartAsync(options))
        {
            testPhones = phones.Select(p => new TestPhone(first.Grains, p.Id, p.Chipset, new ModelSlot("durable-model", "1.0.0", Precision.Int8))).ToList();
            await Task.WhenAll(testPhones.Select(p => p.EnrollAsync()));
            var deployment = first.Grains.GetGrain<IDeploymentGrain>("durable-rollout");
            await deployment.Start(manifest, "durable.yaml", new StartOptions(null, T0, "test"));
            atStop = await deployment.GetStatus();
            while (atStop.StageIndex < 1 && tick < 10)
            {
                atStop = await TickAsync(first, testPhones, ++tick);
            }

            Assert.Equal((1, RolloutPhase.Progressing), (atStop.StageIndex, atStop.Phase));
            await first.StopAsync();
        }

        await using var second = await FleetHost.StartAsync(FleetHost.Restarted(options));
        testPhones = testPhones.Select(p => p.On(second.Grains)).ToList();
        var resumed = await second.Grains.GetGrain<IDeploymentGrain>("durable-rollout").GetStatus();
        Assert.Equal((atStop.StageIndex, atStop.Epoch, atStop.AuditEntries), (resumed.StageIndex, resumed.Epoch, resumed.AuditEntries));
        Assert.Equal(atStop.Cohorts.Sum(c => c.OnTarget), resumed.Cohorts.Sum(c => c.OnTarget));

        var status = resumed;
        while (!status.IsFinal && tick < 20)
        {
            status = await TickAsync(second, testPhones, ++tick);
        }

        await TickAsync(second, testPhones, ++tick);
        status = await second.Grains.GetGrain<IDeploymentGrain>("durable-rollout").GetStatus();
        Assert.Equal(RolloutPhase.Completed, status.Phase);
        Assert.Equal(120, status.Cohorts.Sum(c => c.Devices));
        Assert.Equal(120, status.Cohorts.Sum(c => c.OnTarget));
        Assert.Equal(0, status.Cohorts.Sum(c => c.OnPrevious));
        var snapshots = await Task.WhenAll(testPhones.Select(p => p.Grain.GetSnapshot()));
        Assert.All(snapshots, s => Assert.Equal("2.0.0", s.Installed?.Version));
        var audit = await second.Grains.GetGrain<IDeploymentGrain>("durable-rollout").GetAudit();
        Assert.Single(audit, a => a.Decision == "Start");
        Assert.Equal(["Start", "Advance", "Advance", "Complete"], audit.Select(a => a.Decision).Where(d => d != "Hold").ToList());
        var cohorts = await Task.WhenAll(chipsets.Select(c => second.Grains.GetGrain<ICohortGrain>(c).GetSnapshot()));
        Assert.All(cohorts, c => Assert.Equal(40, c.Devices));
    }

    [Fact]
    public async Task A_rollout_on_the_silo_clock_resumes_by_itself_after_a_restart()
    {
        var options = FleetHost.Durable($"dur-clock-{Guid.NewGuid():N}");
        var manifest = """
            apiVersion: apexfleet.io/v1
            kind: Deployment
            metadata: { name: clock-rollout }
            spec:
              model: { id: clock-model, version: "2.0.0", previousVersion: "1.0.0" }
              stages:
                - { name: one, percent: 10, bakeWindow: 2s }
                - { name: two, percent: 50, bakeWindow: 2s }
                - { name: three, percent: 100, bakeWindow: 2s }
            """;
        await using (var first = await FleetHost.StartAsync(options))
        {
            var deployment = first.Grains.GetGrain<IDeploymentGrain>("clock-rollout");
            await deployment.Start(manifest, "clock.yaml", new StartOptions(TimeSpan.FromMilliseconds(200), DateTimeOffset.UtcNow, "test"));
            await WaitForAsync(first, phase => phase == Domain.Rollout.RolloutPhase.Progressing, percent => percent >= 50);
            await first.StopAsync();
        }

        // Nobody calls the deployment: the new silo must wake it and its timer must finish the job.
        await using var second = await FleetHost.StartAsync(FleetHost.Restarted(options));
        await WaitForAsync(second, phase => phase == Domain.Rollout.RolloutPhase.Completed, _ => true);
        var audit = await second.Grains.GetGrain<IDeploymentGrain>("clock-rollout").GetAudit();
        Assert.Equal(["Start", "Advance", "Advance", "Complete"], audit.Select(a => a.Decision).Where(d => d != "Hold").ToList());
    }

    /// <summary>Watches the published assignment (which does not wake the deployment) until it matches.</summary>
    private static async Task WaitForAsync(FleetHost host, Func<Domain.Rollout.RolloutPhase, bool> phase, Func<double, bool> percent)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var table = await host.Grains.GetGrain<IFleetDirectoryGrain>(0).GetAssignments();
            if (table.ByModel.TryGetValue("clock-model", out var a) && phase(a.Phase) && percent(a.Percent))
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("the rollout did not get there on its own within 60 s");
    }

    private static async Task<RolloutStatus> TickAsync(FleetHost host, List<TestPhone> phones, int tick)
    {
        await Task.WhenAll(phones.Select(p => p.ReportAsync(_ => 5)));
        await host.FlushAsync();
        var status = await host.Grains.GetGrain<IDeploymentGrain>("durable-rollout").Evaluate(T0.AddMinutes(10 * tick));
        await host.SyncAssignmentsAsync();
        return status;
    }
}
