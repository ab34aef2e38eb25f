using ApexFleet.Abstractions.Deployments;
using ApexFleet.Abstractions.Devices;
using ApexFleet.Domain.FinOps;
using ApexFleet.Domain.Fleet;
using ApexFleet.Domain.Rollout;
using ApexFleet.Domain.Telemetry;
using ApexFleet.Testing;

namespace ApexFleet.Grains.Tests;

/// <summary>A cost centre's cap, as the GitOps applier hands it over at start, binds the rollout in the grain.</summary>
[Collection(FleetClusterCollection.Name)]
public sealed class CostCenterCapGrainTests(FleetClusterFixture fleet)
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 6, 0, 0, TimeSpan.Zero);

    private static string Manifest(string name, string model) => $$"""
        apiVersion: apexfleet.io/v1
        kind: Deployment
        metadata: { name: {{name}}, labels: { cost-center: cc-test } }
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

    [Fact]
    public async Task A_forecast_over_the_cost_centres_cap_holds_the_rollout_with_an_audit_record_of_the_numbers()
    {
        var phones = Enumerable.Range(0, 20)
            .Select(i => new TestPhone(fleet.Grains, $"capped-{i}", "capped-chip", new ModelSlot("capped", "1.0.0", Precision.Int8)))
            .ToList();
        await Task.WhenAll(phones.Select(p => p.EnrollAsync()));
        var deployment = fleet.Grains.GetGrain<IDeploymentGrain>("capped-rollout");
        var cap = new CostCenterCap("cc-test", new Budget(null, 1000), "policies/caps.yaml");
        await deployment.Start(Manifest("capped-rollout", "capped"), "test", new StartOptions(null, T0, "gitops", CostCenterCap: cap));
        await fleet.SyncAssignmentsAsync();

        // Every inference goes to the cloud (the forecast reads only 2.0.0's): 100,000 phones × 60 an hour × 730 h ÷ 1,000 × 0.40 USD = 1,752,000 USD a month.
        var allToCloud = new TelemetryCounters { CloudFallbacks = 5 };
        var status = await deployment.GetStatus();
        for (var tick = 1; tick <= 4; tick++)
        {
            await Task.WhenAll(phones.Select(p => p.ReportAsync(_ => 2, 5, allToCloud)));
            await fleet.FlushAsync();
            status = await deployment.Evaluate(T0.AddMinutes(10 * tick));
            await fleet.SyncAssignmentsAsync();
        }

        Assert.Equal((RolloutPhase.Progressing, 0), (status.Phase, status.StageIndex));
        var hold = Assert.Single(await deployment.GetAudit(), a => a.Reason.StartsWith("over budget", StringComparison.Ordinal));
        Assert.Equal("Hold", hold.Decision);
        Assert.StartsWith(
            "over budget, holding: monthly forecast 1752000.00 USD (95 % ",
            hold.Reason, StringComparison.Ordinal);
        Assert.Contains("exceeds cost-center 'cc-test' cap monthlyUSD (policies/caps.yaml) 1000.00", hold.Reason, StringComparison.Ordinal);
        Assert.Contains("cc-test", (await deployment.GetCost()).OverBudget, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cap_below_the_least_the_rollout_can_cost_is_refused_at_start()
    {
        var deployment = fleet.Grains.GetGrain<IDeploymentGrain>("capped-denied");
        var cap = new CostCenterCap("cc-test", new Budget(0.001, null), "policies/caps.yaml");

        var refused = await Assert.ThrowsAsync<ArgumentException>(() =>
            deployment.Start(Manifest("capped-denied", "capped-denied"), "test", new StartOptions(null, T0, "gitops", CostCenterCap: cap)));

        // 100,000 phones × 2e6 B × 0.3 = 60 GB × 0.085 USD = 5.10 USD.
        Assert.StartsWith(
            "test: metadata.labels.cost-center: the least this rollout can cost, 5.10 USD (100000 phones × a 0.3 delta of the smallest variant at 0.085 USD/GB egress), " +
            "is above cost-center 'cc-test' cap rolloutUSD (policies/caps.yaml) 0.00",
            refused.Message, StringComparison.Ordinal);
        Assert.Equal(RolloutPhase.NotStarted, (await deployment.GetStatus()).Phase);
    }
}
