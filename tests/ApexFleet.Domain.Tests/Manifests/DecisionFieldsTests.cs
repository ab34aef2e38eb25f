using ApexFleet.Domain.Fleet;
using ApexFleet.Domain.Manifests;
using ApexFleet.Domain.Rollout;

namespace ApexFleet.Domain.Tests.Manifests;

/// <summary>Tolerance, inconclusive limits and progression, read from both manifest formats.</summary>
public class DecisionFieldsTests
{
    private const string Ours = """
        apiVersion: apexfleet.io/v1
        kind: Deployment
        metadata: { name: classifier-2 }
        spec:
          model: { id: classifier, version: "2.0.0", previousVersion: "1.0.0" }
          progression: lockstep
          stages:
            - name: canary
              percent: 5
              inconclusive: { maxDuration: 6h, onInconclusive: rollback }
              gates:
                - { metric: latency_p95_ms, operator: "<=", threshold: 40, tolerance: 2, scope: cohort }
                - { metric: crash_rate, operator: "<=", threshold: 0.001, scope: fleet, inconclusive: { maxDuration: 2h, onInconclusive: pause } }
            - name: everyone
              percent: 100
        """;

    private const string OnDevice = """
        apiVersion: mobileai.apexlogic.com/v1
        kind: OnDeviceModelDeployment
        metadata: { name: recommender-2 }
        spec:
          modelId: recommender
          modelVersion: "2.1.0"
          deploymentStrategy:
            type: Canary
            progression: perCohort
            inconclusive: { maxDuration: 12h, onInconclusive: hold }
            metrics:
              - { name: inference_latency_p95, threshold: 50, operator: "<", tolerance: 5 }
              - { name: fairness_metric_disparate_impact_ratio, threshold: 0.8, operator: ">", inconclusive: { maxDuration: 1d, onInconclusive: rollback } }
            stages:
              - { percentage: 5, bakeWindow: 1h }
              - { percentage: 100, bakeWindow: 1h, inconclusive: { maxDuration: 30m, onInconclusive: pause } }
        """;

    private static readonly FleetContext Fleet = new(100_000, 60, RunningVersion: "2.0.0");

    [Fact]
    public void Our_format_reads_progression_stage_limits_and_gate_tolerance_and_limits()
    {
        var d = DeploymentManifest.Parse("m.yaml", Ours);

        Assert.Equal(Progression.Lockstep, d.Progression);
        var canary = d.Stages[0];
        Assert.Equal(new InconclusivePolicy(TimeSpan.FromHours(6), InconclusiveAction.Rollback), canary.Inconclusive);
        Assert.Equal(2, canary.Gates[0].Tolerance);
        Assert.Equal(2, canary.Gates[0].ToleranceOrDefault);
        Assert.Equal(42, canary.Gates[0].ClearlyHarmful);
        Assert.Null(canary.Gates[1].Tolerance);
        Assert.Equal(0.0001, canary.Gates[1].ToleranceOrDefault, 12);
        Assert.Equal(new InconclusivePolicy(TimeSpan.FromHours(2), InconclusiveAction.Pause), canary.Gates[1].Inconclusive);
        // The gate's own limit wins over its stage's; a gate without one takes the stage's.
        Assert.Equal(InconclusiveAction.Pause, canary.PolicyFor(canary.Gates[1]).OnInconclusive);
        Assert.Equal(InconclusiveAction.Rollback, canary.PolicyFor(canary.Gates[0]).OnInconclusive);
        Assert.Null(d.Stages[1].Inconclusive);
        Assert.Same(InconclusivePolicy.Unlimited, d.Stages[1].PolicyFor(canary.Gates[0]));
    }

    [Fact]
    public void Without_the_fields_cohorts_progress_on_their_own_and_wait_without_limit()
    {
        var plain = Ours.Replace("  progression: lockstep\n", "", StringComparison.Ordinal)
            .Replace("      inconclusive: { maxDuration: 6h, onInconclusive: rollback }\n", "", StringComparison.Ordinal);

        var d = DeploymentManifest.Parse("m.yaml", plain);

        Assert.Equal(Progression.PerCohort, d.Progression);
        Assert.Null(d.Stages[0].Inconclusive);
    }

    [Fact]
    public void The_on_device_format_reads_the_same_fields_and_a_stage_limit_overrides_the_strategys()
    {
        var d = DeploymentManifest.Parse("m.yaml", OnDevice, Fleet);

        Assert.Equal(Progression.PerCohort, d.Progression);
        Assert.Equal(new InconclusivePolicy(TimeSpan.FromHours(12), InconclusiveAction.Hold), d.Stages[0].Inconclusive);
        Assert.Equal(new InconclusivePolicy(TimeSpan.FromMinutes(30), InconclusiveAction.Pause), d.Stages[1].Inconclusive);
        var latency = d.Stages[0].Gates.Single(g => g.Metric == "latency_p95_ms");
        Assert.Equal(55, latency.ClearlyHarmful);
        var impact = d.Stages[0].Gates.Single(g => g.Metric == "disparate_impact_ratio");
        Assert.Equal(0.72, impact.ClearlyHarmful, 12);
        Assert.Equal(new InconclusivePolicy(TimeSpan.FromDays(1), InconclusiveAction.Rollback), impact.Inconclusive);
        Assert.Equal(Progression.Lockstep, DeploymentManifest.Parse("m.yaml", OnDevice.Replace("perCohort", "lockstep", StringComparison.Ordinal), Fleet).Progression);
    }

    [Fact]
    public void The_default_progression_carries_the_strategys_limit_to_every_stage()
    {
        var defaults = OnDevice[..OnDevice.IndexOf("    stages:", StringComparison.Ordinal)] + "    percentage: 5\n";

        var d = DeploymentManifest.Parse("m.yaml", defaults, Fleet);

        Assert.True(d.Stages.Count > 1);
        Assert.All(d.Stages, s => Assert.Equal(new InconclusivePolicy(TimeSpan.FromHours(12), InconclusiveAction.Hold), s.Inconclusive));
    }

    [Fact]
    public void Bad_values_in_our_format_are_named_by_line_column_and_field()
    {
        var broken = Ours.Replace("progression: lockstep", "progression: lockStep", StringComparison.Ordinal)
            .Replace("maxDuration: 6h, onInconclusive: rollback", "maxDuration: 0s, onInconclusive: rolback", StringComparison.Ordinal)
            .Replace("tolerance: 2,", "tolerance: -2,", StringComparison.Ordinal)
            .Replace("{ maxDuration: 2h, onInconclusive: pause }", "{ onInconclusive: pause, after: 2h }", StringComparison.Ordinal);

        var ex = Assert.Throws<ManifestException>(() => DeploymentManifest.Parse("m.yaml", broken));

        Assert.Equal(
            [
                "m.yaml:6:16: spec.progression: must be one of perCohort, lockstep (got 'lockStep'); did you mean 'lockstep'?",
                "m.yaml:10:36: spec.stages[0].inconclusive.maxDuration: must be longer than 0 (an undecided gate needs some time to decide)",
                "m.yaml:10:56: spec.stages[0].inconclusive.onInconclusive: must be one of hold, pause, rollback (got 'rolback'); did you mean 'rollback'?",
                "m.yaml:12:79: spec.stages[0].gates[0].tolerance: must be between 0 and 1.7976931348623157E+308 (got -2)",
                "m.yaml:13:95: spec.stages[0].gates[1].inconclusive.maxDuration: is required",
                "m.yaml:13:120: spec.stages[0].gates[1].inconclusive.after: unknown field; expected one of maxDuration, onInconclusive",
            ],
            ex.Errors.OrderBy(e => e.Line).ThenBy(e => e.Column).Select(e => e.ToString()).ToList());
    }

    [Fact]
    public void Bad_values_in_the_on_device_format_are_named_by_line_column_and_field()
    {
        var broken = OnDevice.Replace("progression: perCohort", "progression: together", StringComparison.Ordinal)
            .Replace("{ maxDuration: 12h, onInconclusive: hold }", "{ maxDuration: soon, onInconclusive: hold }", StringComparison.Ordinal)
            .Replace("tolerance: 5 }", "tolerance: five }", StringComparison.Ordinal)
            .Replace("{ maxDuration: 30m, onInconclusive: pause }", "{ maxDuration: 30m }", StringComparison.Ordinal)
            .Replace("inconclusive: { maxDuration: 1d, onInconclusive: rollback }", "inconclusive: rollback", StringComparison.Ordinal);

        var ex = Assert.Throws<ManifestException>(() => DeploymentManifest.Parse("m.yaml", broken, Fleet));

        Assert.Equal(
            [
                "m.yaml:9:18: spec.deploymentStrategy.progression: must be one of perCohort, lockstep (got 'together')",
                "m.yaml:10:34: spec.deploymentStrategy.inconclusive.maxDuration: must be a duration such as 30s, 10m, 1h30m (got 'soon')",
                "m.yaml:12:81: spec.deploymentStrategy.metrics[0].tolerance: must be a number (got 'five')",
                "m.yaml:13:102: spec.deploymentStrategy.metrics[1].inconclusive: must be a mapping",
                "m.yaml:16:58: spec.deploymentStrategy.stages[1].inconclusive.onInconclusive: is required",
            ],
            ex.Errors.OrderBy(e => e.Line).ThenBy(e => e.Column).Select(e => e.ToString()).ToList());
    }
}
