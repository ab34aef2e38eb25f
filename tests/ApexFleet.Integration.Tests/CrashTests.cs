using ApexFleet.Abstractions.Cohorts;
using ApexFleet.Abstractions.Devices;
using ApexFleet.Domain.Rollout;
using ApexFleet.Integration.Tests.Support;

namespace ApexFleet.Integration.Tests;

/// <summary>
/// Kill -9 and a database crash under a running rollout, with three real silo processes on a
/// PostgreSQL of the test's own (docs/RELIABILITY.md has the design and the measured bounds).
/// </summary>
public sealed class CrashTests(ITestOutputHelper output)
{
    private const int Phones = 60;
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(100);

    [Fact]
    public async Task A_silo_killed_mid_stage_loses_no_device_state_and_its_rollout_keeps_ticking_to_the_end()
    {
        await using var cluster = await CrashCluster.StartAsync(Phones);
        await cluster.StartRolloutAsync();
        cluster.StartDriving();
        await cluster.WaitForAsync(s => s.StageIndex == 1, Within, "stage 'half'");

        // The rollout's own silo: its timer dies with it, and someone else must wake it.
        var victim = await cluster.RolloutSiloAsync();
        var auditAtKill = (await cluster.Rollout.GetAudit()).Count;
        var killedAt = DateTimeOffset.UtcNow;
        victim.Kill();

        var final = await cluster.WaitForAsync(s => s.IsFinal, Within, "the rollout's completion after its silo died");
        Assert.Equal(RolloutPhase.Completed, final.Phase);
        await cluster.DriveUntilAllRunAsync("2.0.0", Within);

        var audit = await cluster.Rollout.GetAudit();
        var firstAfter = audit.Skip(auditAtKill).First(a => a.Decision != "Hold");
        output.WriteLine($"silo killed at {killedAt:HH:mm:ss.fff}; next decision ({firstAfter.Decision}) at {firstAfter.At:HH:mm:ss.fff}: {(firstAfter.At - killedAt).TotalSeconds:0.0} s; rounds with lost answers {cluster.RoundsWithLostAnswers}");
        Assert.True(firstAfter.At > killedAt);
        await AssertNothingLostOrDoubledAsync(cluster);
    }

    [Fact]
    public async Task Every_silo_killed_and_restarted_resumes_the_rollout_where_it_was()
    {
        await using var cluster = await CrashCluster.StartAsync(Phones);
        await cluster.StartRolloutAsync();
        cluster.StartDriving();
        await cluster.WaitForAsync(s => s.StageIndex == 1, Within, "stage 'half'");
        await cluster.StopDrivingAsync();

        var before = await cluster.Rollout.GetStatus();
        var auditBefore = await cluster.Rollout.GetAudit();
        foreach (var silo in cluster.Silos)
        {
            silo.Kill();
        }

        var killedAt = DateTime.UtcNow;
        await cluster.RestartSilosAsync();
        await cluster.ConnectAsync();
        output.WriteLine($"all three silos back {(DateTime.UtcNow - killedAt).TotalSeconds:0.0} s after the kill");

        // Nothing decided and stored is forgotten; nothing is decided twice.
        var resumed = await cluster.Rollout.GetStatus();
        var auditAfter = await cluster.Rollout.GetAudit();
        Assert.True(resumed.StageIndex >= before.StageIndex, $"stage {resumed.StageIndex} after the restart, {before.StageIndex} before");
        Assert.Equal(auditBefore.Select(a => (a.At, a.Decision, a.StageIndex)), auditAfter.Take(auditBefore.Count).Select(a => (a.At, a.Decision, a.StageIndex)));

        // The cluster judged the rollout again by itself as soon as it was back (nobody asked it to).
        Assert.True(resumed.Epoch >= before.Epoch, $"epoch {resumed.Epoch} after the restart, {before.Epoch} before");

        cluster.StartDriving();
        var final = await cluster.WaitForAsync(s => s.IsFinal, Within, "the rollout's completion after every silo restarted");
        Assert.Equal(RolloutPhase.Completed, final.Phase);
        await cluster.DriveUntilAllRunAsync("2.0.0", Within);
        output.WriteLine($"rounds with lost answers {cluster.RoundsWithLostAnswers}");
        await AssertNothingLostOrDoubledAsync(cluster);
    }

    [Fact]
    public async Task A_database_crash_mid_rollout_is_survived_without_anyone_stepping_in()
    {
        await using var cluster = await CrashCluster.StartAsync(Phones);
        await cluster.StartRolloutAsync();
        cluster.StartDriving();
        await cluster.WaitForAsync(s => s.StageIndex == 1, Within, "stage 'half'");

        await cluster.Postgres.CrashAndRestartAsync(TimeSpan.FromSeconds(5));

        var final = await cluster.WaitForAsync(s => s.IsFinal, Within, "the rollout's completion after the database came back");
        Assert.Equal(RolloutPhase.Completed, final.Phase);
        await cluster.DriveUntilAllRunAsync("2.0.0", Within);
        output.WriteLine($"rounds with lost answers {cluster.RoundsWithLostAnswers}");
        Assert.All(cluster.Silos, s => Assert.False(s.HasExited, s.Output));
        await AssertNothingLostOrDoubledAsync(cluster);
    }

    /// <summary>
    /// Each device holds exactly what its phone was told was taken; each phone installed 2.0.0 once and
    /// its device counts that one install (a phone sent back by a silo whose copy of the rollout lagged
    /// would show here); the cohorts count every device and install once; no stage was entered twice.
    /// </summary>
    private async Task AssertNothingLostOrDoubledAsync(CrashCluster cluster)
    {
        var snapshots = await Task.WhenAll(cluster.Phones.Select(p => cluster.Grains.GetGrain<IDeviceGrain>(p.Id).GetSnapshot()));
        foreach (var (phone, device) in cluster.Phones.Zip(snapshots))
        {
            Assert.Equal(
                (phone.Id, phone.LastAcknowledged, phone.AcknowledgedReports, phone.AcknowledgedReports * CrashPhone.InferencesPerReport, 1L, "2.0.0"),
                (device.DeviceId, device.LastSequence, device.Counters.Reports, device.Counters.Inferences, device.Counters.InstallAttempts, device.Installed?.Version));

            // No double install: 2.0.0 once, never back to 1.0.0 (nothing here rolls back), whatever crashed.
            Assert.Equal((phone.Id, "2.0.0"), (phone.Id, string.Join(" -> ", phone.Installs)));

            // A resend of the last report, after everything that crashed: known, not counted again.
            var resend = await cluster.Grains.GetGrain<IDeviceGrain>(phone.Id).Report(phone.LastReport!);
            Assert.Equal(Domain.Devices.RejectionReason.Duplicate, resend.Rejection);
        }

        var status = await cluster.Rollout.GetStatus();
        Assert.Equal((long)Phones, status.Cohorts.Sum(c => c.Devices));
        Assert.Equal((long)Phones, status.Cohorts.Sum(c => c.OnTarget));

        var audit = await cluster.Rollout.GetAudit();
        var transitions = audit.Where(a => a.Decision != "Hold").Select(a => (a.Decision, a.StageIndex)).ToList();
        Assert.Equal(transitions.Distinct().Count(), transitions.Count);
        Assert.Equal(["Start", "Advance", "Advance", "Complete"], transitions.Select(t => t.Decision));

        // Measurements travel through each silo's buffer: a killed silo's unflushed share is the one
        // thing that may be missing from the cohorts, and nothing may be counted twice.
        var cohorts = await Task.WhenAll(status.Cohorts.Select(c => cluster.Grains.GetGrain<ICohortGrain>(c.Cohort).GetSnapshot()));
        var cohortReports = cohorts.Sum(c => c.Variants.Sum(v => v.Reports));
        var deviceReports = snapshots.Sum(s => s.Counters.Reports);
        output.WriteLine($"reports: devices {deviceReports}, cohorts {cohortReports}, missing from cohorts {deviceReports - cohortReports}");
        Assert.True(cohortReports <= deviceReports, $"cohorts counted {cohortReports} reports, devices took {deviceReports}");
    }
}
