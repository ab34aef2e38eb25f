using ApexFleet.Domain.Fleet;
using ApexFleet.Domain.Manifests;
using ApexFleet.Domain.Privacy;
using ApexFleet.Domain.Rollout;

namespace ApexFleet.Domain.Tests.Manifests;

public class OnDeviceManifestTests
{
    // The issue's example, verbatim but for names; line numbers below count from apiVersion = 1.
    private const string Example = """
        apiVersion: mobileai.apexlogic.com/v1
        kind: OnDeviceModelDeployment
        metadata: { name: product-recommender-v2.1, namespace: production, labels: { team: personalization, cost-center: cc-4711 } }
        spec:
          appName: ApexShopMobile
          modelId: "prod-recommender-a1b2c3d4e5f6"
          modelVersion: "2.1.0-quantized-int8"        # a version string may carry a precision suffix
          modelRegistryUrl: "https://registry.example"  # where agents fetch artifacts
          targetPlatforms:
            - ios: { minVersion: "15.0", architectures: ["arm64"] }
            - android: { minSDK: 26, architectures: ["arm64-v8a", "armeabi-v7a"] }
          deploymentStrategy:
            type: Canary
            percentage: 5
            metrics:
              - { name: inference_latency_p95, threshold: 50, operator: "<" }
              - { name: battery_drain_increase_percent, threshold: 2, operator: "<" }
              - { name: conversion_rate_lift, threshold: 0.5, operator: ">" }
              - { name: fairness_metric_disparate_impact_ratio, threshold: 0.8, operator: ">" }
          responsibleAIGuardrails:
            biasDetectionEnabled: true
            explainabilityLevel: "low"
            privacyMode: "differential_privacy_epsilon_1.0"
          resourceConstraints:
            cpuUsage: { maxPercent: 10, durationSeconds: 5 }
            memoryUsage: { maxMB: 100 }
        """;

    private static readonly FleetContext Fleet = new(100_000, 60, RunningVersion: "2.0.0-quantized-int8");

    [Fact]
    public void The_issues_example_maps_every_field()
    {
        var d = DeploymentManifest.Parse("m.yaml", Example, Fleet);

        Assert.Equal("product-recommender-v2.1", d.Name);
        Assert.Equal(new ModelRef("prod-recommender-a1b2c3d4e5f6", "2.1.0-quantized-int8", Precision.Int8), d.Target);
        Assert.Equal("2.0.0-quantized-int8", d.PreviousVersion);
        Assert.Equal("production", d.Labels!.Namespace);
        Assert.Equal("ApexShopMobile", d.Labels.AppName);
        Assert.Equal(new Dictionary<string, string> { ["team"] = "personalization", ["cost-center"] = "cc-4711" }, d.Labels.Labels);
        Assert.Equal("https://registry.example", d.RegistryUrl);
        Assert.Equal("ios ≥ 15.0 on arm64; android SDK ≥ 26 on arm64-v8a/armeabi-v7a", d.Targeting!.Describe());
        Assert.Equal([DevicePlatform.Ios, DevicePlatform.Android], d.Targeting.Platforms.Select(p => p.Platform));
        Assert.Equal(26, d.Targeting.Platforms[1].MinSdk);
        Assert.Equal(new Guardrails(true, ExplainabilityLevel.Low), d.Guardrails);
        Assert.Equal(new PrivacyPolicy(1.0, 24), d.Privacy);
        Assert.Equal(new ResourceLimits(10, TimeSpan.FromSeconds(5), 100), d.Resources);
        Assert.Equal(TimeSpan.FromDays(7), d.MonitorWindow);
        Assert.Equal([5.0, 25, 50, 100], d.Stages.Select(s => s.Percent));
        Assert.Equal(["stage-1", "stage-2", "stage-3", "stage-4"], d.Stages.Select(s => s.Name));
        // The largest gate is the conversion lift, 76,832 sessions: 16 minutes at 5 % of 100,000 devices, the 15-minute floor after.
        Assert.Equal([16.0, 15, 15, 15], d.Stages.Select(s => s.BakeWindow.TotalMinutes));
        GateSpec[] gates =
        [
            new("latency_p95_ms", ComparisonOperator.Less, 50, 1825, GateScope.Cohort),
            new("battery_drain_increase_percent", ComparisonOperator.Less, 2, 19208, GateScope.Cohort),
            new("conversion_rate_lift", ComparisonOperator.Greater, 0.5, 76832, GateScope.Cohort),
            new("disparate_impact_ratio", ComparisonOperator.Greater, 0.8, 769, GateScope.Fleet),
            new("cpu_limit_breach_share", ComparisonOperator.LessOrEqual, 0.01, 381, GateScope.Fleet),
            new("peak_memory_p95_mb", ComparisonOperator.LessOrEqual, 100, 1825, GateScope.Cohort),
        ];
        Assert.All(d.Stages, s => Assert.Equal(gates, s.Gates));
    }

    [Fact]
    public void Bias_detection_adds_the_default_fairness_gates_when_none_is_listed()
    {
        var yaml = Example.Replace("      - { name: fairness_metric_disparate_impact_ratio, threshold: 0.8, operator: \">\" }\n", "", StringComparison.Ordinal);

        var d = DeploymentManifest.Parse("m.yaml", yaml, Fleet);

        Assert.Equal(Guardrails.DefaultFairnessGates, d.Stages[0].Gates.Where(g => ManifestGates.FairnessMetrics.Contains(g.Metric)));
    }

    [Theory]
    [InlineData("2.1.0-quantized-int8", Precision.Int8)]
    [InlineData("2.1.0-QUANTIZED-INT8", Precision.Int8)]
    [InlineData("2.1.0-fp16", Precision.Fp16)]
    [InlineData("2.1.0-Int4", Precision.Int4)]
    [InlineData("2.1.0", Precision.Fp32)]
    [InlineData("2.1.0-rc1", Precision.Fp32)]
    public void A_version_suffix_sets_the_precision_and_the_version_stays_whole(string version, Precision precision)
    {
        var d = DeploymentManifest.Parse("m.yaml", Example.Replace("2.1.0-quantized-int8", version, StringComparison.Ordinal), Fleet);

        Assert.Equal(version, d.TargetVersion);
        Assert.Equal(precision, d.Precision);
    }

    [Fact]
    public void The_previous_version_comes_from_the_annotation_before_the_fleet()
    {
        var yaml = Example.Replace("labels: { team", "annotations: { apexfleet.io/previous-version: \"1.9.0\" }, labels: { team", StringComparison.Ordinal);

        Assert.Equal("1.9.0", DeploymentManifest.Parse("m.yaml", yaml, Fleet).PreviousVersion);
        Assert.Equal("1.9.0", DeploymentManifest.Parse("m.yaml", yaml).PreviousVersion);
        Assert.Equal("2.0.0-quantized-int8", DeploymentManifest.Parse("m.yaml", Example, Fleet).PreviousVersion);
    }

    [Fact]
    public void Without_a_previous_version_the_error_says_how_to_give_one()
    {
        var ex = Assert.Throws<ManifestException>(() => DeploymentManifest.Parse("m.yaml", Example));

        var error = Assert.Single(ex.Errors);
        Assert.Equal((7, 17, "spec.modelVersion"), (error.Line, error.Column, error.Field));
        Assert.Contains("apexfleet.io/previous-version", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mistakes_are_named_by_line_column_and_field_all_at_once()
    {
        var yaml = Example
            .Replace("operator: \">\" }\n      - { name: fairness", "operator: \"=>\" }\n      - { name: fairness", StringComparison.Ordinal)
            .Replace("percentage: 5", "percentage: 100", StringComparison.Ordinal)
            .Replace("\"armeabi-v7a\"", "\"armeabi-v7\"", StringComparison.Ordinal)
            .Replace("minVersion: \"15.0\"", "minVersion: \"15.x\"", StringComparison.Ordinal)
            .Replace("https://registry.example", "registry.example", StringComparison.Ordinal)
            .Replace("explainabilityLevel: \"low\"", "explainabilityLevel: \"meduim\"", StringComparison.Ordinal)
            .Replace("epsilon_1.0", "epsilon_0", StringComparison.Ordinal)
            .Replace("durationSeconds: 5", "durationSecs: 5", StringComparison.Ordinal);

        var ex = Assert.Throws<ManifestException>(() => DeploymentManifest.Parse("m.yaml", yaml, Fleet));

        Assert.Equal(
            [
                "m.yaml:8:21: spec.modelRegistryUrl: must be an absolute http(s) URL such as https://registry.example.com (got 'registry.example')",
                "m.yaml:10:26: spec.targetPlatforms[0].ios.minVersion: must be a release such as 15 or 15.2 (got '15.x')",
                "m.yaml:11:59: spec.targetPlatforms[1].android.architectures[1]: unknown architecture 'armeabi-v7'; did you mean 'armeabi-v7a'? known: arm64, arm64-v8a, armeabi-v7a, x86_64, x86",
                "m.yaml:14:17: spec.deploymentStrategy.percentage: must be above 0 and below 100 (got 100): the first stage is a part of the fleet",
                "m.yaml:18:65: spec.deploymentStrategy.metrics[2].operator: must be one of <=, <, >=, > (got '=>'); did you mean '>='?",
                "m.yaml:22:26: spec.responsibleAIGuardrails.explainabilityLevel: must be one of none, low, medium, high (got 'meduim'); did you mean 'medium'?",
                "m.yaml:23:18: spec.responsibleAIGuardrails.privacyMode: must be none or differential_privacy_epsilon_X with X a number above 0 and at most 100, e.g. differential_privacy_epsilon_1.0 (got 'differential_privacy_epsilon_0')",
                "m.yaml:25:15: spec.resourceConstraints.cpuUsage.durationSeconds: is required",
                "m.yaml:25:33: spec.resourceConstraints.cpuUsage.durationSecs: unknown field; did you mean 'durationSeconds'? expected one of maxPercent, durationSeconds",
            ],
            ex.Errors.OrderBy(e => e.Line).ThenBy(e => e.Column).Select(e => e.ToString()).ToList());
    }

    [Fact]
    public void An_unknown_metric_or_field_suggests_the_closest_name()
    {
        var yaml = Example.Replace("inference_latency_p95", "inference_latency_p59", StringComparison.Ordinal)
            .Replace("  appName:", "  appNmae:", StringComparison.Ordinal);

        var ex = Assert.Throws<ManifestException>(() => DeploymentManifest.Parse("m.yaml", yaml, Fleet));

        Assert.Contains(ex.Errors, e => e is { Line: 5, Column: 3, Field: "spec.appNmae" } && e.Message.StartsWith("unknown field; did you mean 'appName'?", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e is { Line: 16, Column: 17, Field: "spec.deploymentStrategy.metrics[0].name" } && e.Message.StartsWith("unknown metric 'inference_latency_p59'; did you mean 'inference_latency_p50'?", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_format_names_both_accepted_ones()
    {
        var ex = Assert.Throws<ManifestException>(() => DeploymentManifest.Parse("m.yaml", Example.Replace("kind: OnDeviceModelDeployment", "kind: Deployment2", StringComparison.Ordinal), Fleet));

        Assert.Equal(
            "m.yaml:2:7: kind: apiVersion 'mobileai.apexlogic.com/v1' with kind 'Deployment2' is no manifest format; expected apiVersion apexfleet.io/v1 with kind Deployment or apiVersion mobileai.apexlogic.com/v1 with kind OnDeviceModelDeployment",
            Assert.Single(ex.Errors).ToString());
    }

    [Fact]
    public void Several_documents_are_one_error_for_Parse_and_each_read_by_ParseAll()
    {
        var own = "apiVersion: apexfleet.io/v1\nkind: Deployment\nmetadata: { name: a }\nspec:\n  model: { id: m, version: \"2\", previousVersion: \"1\" }\n  stages: [{ percent: 100 }]\n";
        var yaml = $"{Example}\n---\n{own}---\n{own.Replace("percent: 100", "percent: 50", StringComparison.Ordinal)}";

        var ex = Assert.Throws<ManifestException>(() => DeploymentManifest.Parse("m.yaml", yaml, Fleet));
        var error = Assert.Single(ex.Errors);
        Assert.Equal((28, 1, "(document 2)"), (error.Line, error.Column, error.Field));

        var all = DeploymentManifest.ParseAll("m.yaml", yaml, Fleet);
        Assert.Equal([1, 2, 3], all.Select(d => d.Number));
        Assert.Equal([ManifestFormat.OnDevice, ManifestFormat.ApexFleet, ManifestFormat.ApexFleet], all.Select(d => d.Format));
        Assert.Equal([true, true, false], all.Select(d => d.IsValid));
        Assert.Equal("the fleet (the version it runs now)", all[0].PreviousVersionFrom);
        Assert.Equal("m.yaml:40:12: spec.stages[0].percent: the last stage must reach 100%", Assert.Single(all[2].Errors).ToString());
    }

    [Theory]
    [InlineData("percentage: 5")]
    [InlineData("percentage: \"5\"")]
    [InlineData("percentage: '5'")]
    [InlineData("percentage: 5   # the first stage")]
    [InlineData("percentage: !!int 5")]
    public void Quoted_plain_and_commented_scalars_read_alike(string line)
    {
        var d = DeploymentManifest.Parse("m.yaml", Example.Replace("percentage: 5", line, StringComparison.Ordinal), Fleet);

        Assert.Equal(5, d.Stages[0].Percent);
    }

    [Fact]
    public void Block_and_flow_mappings_read_alike()
    {
        var block = Example.Replace(
            "metadata: { name: product-recommender-v2.1, namespace: production, labels: { team: personalization, cost-center: cc-4711 } }",
            "# who owns it\nmetadata:\n  name: 'product-recommender-v2.1'\n  namespace: \"production\"\n  labels:\n    team: personalization   # the owning team\n    cost-center: cc-4711",
            StringComparison.Ordinal)
            .Replace("cpuUsage: { maxPercent: 10, durationSeconds: 5 }", "cpuUsage:\n      maxPercent: 10\n      durationSeconds: 5", StringComparison.Ordinal);

        var flow = DeploymentManifest.Parse("m.yaml", Example, Fleet);
        var blocks = DeploymentManifest.Parse("m.yaml", block, Fleet);

        SameIntentTests.AssertSame(flow, blocks);
    }

    [Fact]
    public void Listed_stages_override_the_default_progression()
    {
        var yaml = Example.Replace("    percentage: 5\n", "    stages:\n      - { percentage: 1, bakeWindow: 2h }\n      - { percentage: 20, pause: 1h }\n      - { percentage: 100 }\n", StringComparison.Ordinal);

        var d = DeploymentManifest.Parse("m.yaml", yaml, Fleet);

        Assert.Equal([1.0, 20, 100], d.Stages.Select(s => s.Percent));
        // 2h as written; at 20 % the samples take 4 minutes, so the 1h pause decides; at 100 % the floor.
        Assert.Equal([120.0, 60, 15], d.Stages.Select(s => s.BakeWindow.TotalMinutes));
    }

    [Fact]
    public void A_rolling_update_goes_in_equal_batches_and_the_monitor_window_may_be_changed()
    {
        var yaml = Example.Replace("type: Canary", "type: RollingUpdate", StringComparison.Ordinal)
            .Replace("percentage: 5", "percentage: 20", StringComparison.Ordinal)
            .Replace("  resourceConstraints:", "  monitorAfterCompletion: 36h\n  resourceConstraints:", StringComparison.Ordinal);

        var d = DeploymentManifest.Parse("m.yaml", yaml, Fleet);

        Assert.Equal([20.0, 40, 60, 80, 100], d.Stages.Select(s => s.Percent));
        Assert.Equal(TimeSpan.FromHours(36), d.MonitorWindow);
    }

    [Fact]
    public void Per_metric_overrides_of_samples_and_scope_are_kept()
    {
        var yaml = Example.Replace("threshold: 50, operator: \"<\" }", "threshold: 50, operator: \"<\", minSamples: 500, scope: fleet }", StringComparison.Ordinal);

        var gate = DeploymentManifest.Parse("m.yaml", yaml, Fleet).Stages[0].Gates[0];

        Assert.Equal(new GateSpec("latency_p95_ms", ComparisonOperator.Less, 50, 500, GateScope.Fleet), gate);
    }
}
