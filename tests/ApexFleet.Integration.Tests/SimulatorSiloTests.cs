using ApexFleet.Abstractions.Deployments;
using ApexFleet.Abstractions.Fleet;
using ApexFleet.Domain.Rollout;
using ApexFleet.Integration.Tests.Support;

namespace ApexFleet.Integration.Tests;

/// <summary>`simulate --connection` as a simulator silo joining a durable cluster on PostgreSQL.</summary>
public class SimulatorSiloTests
{
    [Fact]
    public async Task A_simulator_silo_joins_a_running_cluster_and_its_rollout_is_visible_there()
    {
        var options = FleetHost.Durable($"join-{Guid.NewGuid():N}");
        options.CohortFlushInterval = TimeSpan.FromMilliseconds(250);
        await using var standalone = await FleetHost.StartAsync(options);

        var result = await CliProcess.RunAsync(
            "simulate", "--connection", TestPostgres.ConnectionString, "--cluster-id", options.ClusterId, "--devices", "3000", "--quiet");

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.Contains($"Joining cluster '{options.ClusterId}'", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Final decision: Completed", result.Stdout, StringComparison.Ordinal);

        var deployment = Assert.Single(await standalone.Grains.GetGrain<IFleetDirectoryGrain>(0).GetDeployments());
        Assert.StartsWith("sim-", deployment, StringComparison.Ordinal);
        var status = await standalone.Grains.GetGrain<IDeploymentGrain>(deployment).GetStatus();
        Assert.Equal(RolloutPhase.Completed, status.Phase);
        Assert.Equal(3000, status.Cohorts.Sum(c => c.Devices));
        Assert.Equal(3000, status.Cohorts.Sum(c => c.OnTarget));
    }
}
