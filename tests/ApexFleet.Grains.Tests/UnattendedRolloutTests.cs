using ApexFleet.Abstractions.Deployments;
using ApexFleet.Abstractions.Fleet;
using ApexFleet.Domain.Rollout;
using Orleans.Core.Internal;
using Orleans.TestingHost;

namespace ApexFleet.Grains.Tests;

/// <summary>
/// A two-silo cluster whose silos take over a rollout after two silent seconds and wake every
/// unfinished rollout four times a second (30 s each in production).
/// </summary>
public sealed class UnattendedClusterFixture : IAsyncLifetime
{
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(2);

    public InProcessTestCluster Cluster { get; } = new InProcessTestClusterBuilder(2)
        .ConfigureSilo((_, silo) => silo
            .AddMemoryGrainStorage(FleetStorage.ProviderName)
            .AddFleetGrains(
                flush => flush.Interval = TimeSpan.FromHours(1),
                grains =>
                {
                    grains.DriverGracePeriod = Grace;
                    grains.KeeperInterval = TimeSpan.FromMilliseconds(250);
                }))
        .Build();

    public IGrainFactory Grains => Cluster.Client;

    public async ValueTask InitializeAsync() => await Cluster.DeployAsync();

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();
}

/// <summary>Rollouts nobody ticks: a driver that went away, a rollout nobody looks at any more.</summary>
public class UnattendedRolloutTests(UnattendedClusterFixture fleet) : IClassFixture<UnattendedClusterFixture>
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 6, 0, 0, TimeSpan.Zero);

    /// <summary>Three stages without gates: each only needs its bake window.</summary>
    private static string Manifest(string name, string model, string bake) => $$"""
        apiVersion: apexfleet.io/v1
        kind: Deployment
        metadata: { name: {{name}} }
        spec:
          model: { id: {{model}}, version: "2.0.0", previousVersion: "1.0.0" }
          stages:
            - { name: one, percent: 10, bakeWindow: {{bake}} }
            - { name: two, percent: 50, bakeWindow: {{bake}} }
            - { name: three, percent: 100, bakeWindow: {{bake}} }
        """;

    private static List<string> Decisions(IEnumerable<AuditRecord> audit) => [.. audit.Select(a => a.Decision).Where(d => d != "Hold")];

    /// <summary>Polls the status (which is not a word from the driver) until it matches.</summary>
    private static async Task<RolloutStatus> WaitForAsync(IDeploymentGrain deployment, Func<RolloutStatus, bool> done, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        var status = await deployment.GetStatus();
        while (!done(status) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            status = await deployment.GetStatus();
        }

        return status;
    }

    [Fact]
    public async Task A_rollout_whose_driver_fell_silent_is_judged_by_the_cluster_to_the_end()
    {
        var deployment = fleet.Grains.GetGrain<IDeploymentGrain>("silent-driver");
        await deployment.Start(Manifest("silent-driver", "silent-model", "1s"), "test", new StartOptions(null, T0, "simulator"));

        // Nobody calls Evaluate: the driver died right after starting the rollout.
        var status = await WaitForAsync(deployment, s => s.IsFinal, TimeSpan.FromSeconds(30));

        Assert.Equal(RolloutPhase.Completed, status.Phase);
        var audit = await deployment.GetAudit();
        Assert.Equal(["Start", "ClusterJudges", "Advance", "Advance", "Complete"], Decisions(audit));
        var takeover = audit.Single(a => a.Decision == "ClusterJudges");
        Assert.Equal("cluster", takeover.Actor);
        Assert.StartsWith("driver silent since ", takeover.Reason, StringComparison.Ordinal);
        Assert.Contains("the cluster judges this rollout", takeover.Reason, StringComparison.Ordinal);
        // The rollout's clock goes on from the driver's (simulated) time, at the wall clock's pace:
        // no jump to today, no stage baked in no time.
        Assert.All(audit, a => Assert.InRange(a.At, T0, T0.AddMinutes(1)));
        Assert.All(audit.Where(a => a.Decision == "Advance" || a.Decision == "Complete"), a => Assert.Equal("engine", a.Actor));
    }

    [Fact]
    public async Task A_driver_that_keeps_talking_keeps_its_rollout_and_one_that_comes_back_takes_it_again()
    {
        var deployment = fleet.Grains.GetGrain<IDeploymentGrain>("talking-driver");
        await deployment.Start(Manifest("talking-driver", "talking-model", "1h"), "test", new StartOptions(null, T0, "simulator"));

        // Three graces long, the driver speaks every fifth of one: by evaluating, or between ticks.
        for (var i = 1; i <= 15; i++)
        {
            await (i % 2 == 0 ? deployment.DriverHeartbeat() : deployment.Evaluate(T0.AddMinutes(i)));
            await Task.Delay(UnattendedClusterFixture.Grace / 5);
        }

        Assert.DoesNotContain("ClusterJudges", Decisions(await deployment.GetAudit()));

        // Silent: the cluster takes over; then the driver is back.
        var audit = await WaitForAuditAsync(deployment, "ClusterJudges");
        Assert.Equal(["Start", "ClusterJudges"], Decisions(audit));
        await deployment.Evaluate(T0.AddMinutes(20));
        await deployment.Evaluate(T0.AddMinutes(21));

        audit = await deployment.GetAudit();
        Assert.Equal(["Start", "ClusterJudges", "DriverBack"], Decisions(audit));
        var back = audit.Single(a => a.Decision == "DriverBack");
        Assert.Equal(("simulator", T0.AddMinutes(20)), (back.Actor, back.At));
        Assert.Equal(RolloutPhase.Progressing, (await deployment.GetStatus()).Phase);
    }

    [Fact]
    public async Task The_keeper_wakes_an_unfinished_rollout_whose_activation_went_away()
    {
        var pushedOut = fleet.Grains.GetGrain<IDeploymentGrain>("pushed-out");
        await pushedOut.Start(Manifest("pushed-out", "shared-model", "1s"), "test", new StartOptions(TimeSpan.FromMilliseconds(100), DateTimeOffset.UtcNow, "test"));
        // Another rollout of its model cannot push it out of the assignment table (one per model)...
        var newer = fleet.Grains.GetGrain<IDeploymentGrain>("pushing-in");
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            newer.Start(Manifest("pushing-in", "shared-model", "1h"), "test", new StartOptions(TimeSpan.FromMinutes(1), DateTimeOffset.UtcNow, "test")));
        var table = await fleet.Grains.GetGrain<IFleetDirectoryGrain>(0).GetAssignments();
        Assert.Equal("pushed-out", table.ByModel["shared-model"].DeploymentId);

        // Its activation goes (idle collection, a silo restart): only the keeper can bring it back.
        await pushedOut.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await Task.Delay(TimeSpan.FromSeconds(8));

        // Three one-second stages: done by now only if it was woken and judged while nobody asked.
        var status = await pushedOut.GetStatus();
        Assert.Equal(RolloutPhase.Completed, status.Phase);
    }

    private static async Task<IReadOnlyList<AuditRecord>> WaitForAuditAsync(IDeploymentGrain deployment, string decision)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var audit = await deployment.GetAudit();
        while (!audit.Any(a => a.Decision == decision) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            audit = await deployment.GetAudit();
        }

        return audit;
    }
}
