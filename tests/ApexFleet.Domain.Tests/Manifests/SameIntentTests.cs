using ApexFleet.Domain.Manifests;
using ApexFleet.Domain.Rollout;

namespace ApexFleet.Domain.Tests.Manifests;

/// <summary>Both formats say the same thing in their own words, and must come out as the same rollout.</summary>
public class SameIntentTests
{
    private const string Theirs = """
        apiVersion: mobileai.apexlogic.com/v1
        kind: OnDeviceModelDeployment
        metadata:
          name: recommender-2-1
          namespace: production
          labels: { team: personalization }
          annotations: { apexfleet.io/previous-version: "2.0.0" }
        spec:
          appName: Shop
          modelId: recommender
          modelVersion: 2.1.0-fp16
          modelRegistryUrl: https://registry.example/models
          targetPlatforms:
            - ios: { minVersion: "15.0", architectures: [arm64] }
            - android: { minSDK: 26, architectures: [arm64-v8a] }
          deploymentStrategy:
            type: Canary
            percentage: 5
            metrics:
              - { name: inference_latency_p95, threshold: 50, operator: "<" }
              - { name: crash_rate, threshold: 0.001, operator: "<=" }
          responsibleAIGuardrails: { biasDetectionEnabled: true, explainabilityLevel: medium, privacyMode: differential_privacy_epsilon_2 }
          resourceConstraints: { cpuUsage: { maxPercent: 10, durationSeconds: 5 }, memoryUsage: { maxMB: 100 } }
          monitorAfterCompletion: 3d
        """;

    // The default progression written out: crash_rate needs 383,776 inferences, which 5 % of 100,000
    // devices at 60 an hour make in 77 minutes and 25 % in 16; later stages take the 15-minute floor.
    // Bias detection and the resource limits add their gates to every stage in our format too.
    private const string Ours = """
        apiVersion: apexfleet.io/v1
        kind: Deployment
        metadata:
          name: recommender-2-1
          namespace: production
          labels: { team: personalization }
        spec:
          appName: Shop
          registryUrl: https://registry.example/models
          model: { id: recommender, version: 2.1.0-fp16, previousVersion: "2.0.0", precision: FP16 }
          targeting:
            - { platform: ios, minOsVersion: "15.0", architectures: [arm64] }
            - { platform: android, minSdk: 26, architectures: [arm64-v8a] }
          guardrails: { biasDetection: true, explainability: medium }
          privacy: { epsilon: 2 }
          resources: { cpuMaxPercent: 10, cpuDurationSeconds: 5, memoryMaxMB: 100 }
          monitorWindow: 3d
          stages:
            - percent: 5
              bakeWindow: 77m
              gates: &gates
                - { metric: latency_p95_ms, operator: "<", threshold: 50, minSamples: 1825, scope: cohort }
                - { metric: crash_rate, operator: "<=", threshold: 0.001, minSamples: 383776, scope: fleet }
            - { percent: 25, bakeWindow: 16m, gates: *gates }
            - { percent: 50, bakeWindow: 15m, gates: *gates }
            - { percent: 100, bakeWindow: 15m, gates: *gates }
        """;

    [Fact]
    public void Both_formats_make_the_same_rollout_definition()
    {
        var theirs = DeploymentManifest.Parse("theirs.yaml", Theirs);
        var ours = DeploymentManifest.Parse("ours.yaml", Ours);

        AssertSame(ours, theirs);
        Assert.Equal(7, theirs.Stages[0].Gates.Count);
    }

    /// <summary>Member by member: records holding lists compare those by reference, so each list is compared by content.</summary>
    internal static void AssertSame(RolloutDefinition expected, RolloutDefinition actual)
    {
        Assert.Equal(expected with { Stages = [], Labels = null, Targeting = null }, actual with { Stages = [], Labels = null, Targeting = null });
        Assert.Equal(expected.Stages.Count, actual.Stages.Count);
        foreach (var (e, a) in expected.Stages.Zip(actual.Stages))
        {
            Assert.Equal((e.Name, e.Percent, e.BakeWindow), (a.Name, a.Percent, a.BakeWindow));
            Assert.Equal(e.Gates, a.Gates);
        }

        Assert.Equal(expected.Labels?.Namespace, actual.Labels?.Namespace);
        Assert.Equal(expected.Labels?.AppName, actual.Labels?.AppName);
        Assert.Equal(expected.Labels?.Labels, actual.Labels?.Labels);
        Assert.Equal(expected.Targeting?.Platforms.Count, actual.Targeting?.Platforms.Count);
        foreach (var (e, a) in (expected.Targeting?.Platforms ?? []).Zip(actual.Targeting?.Platforms ?? []))
        {
            Assert.Equal((e.Platform, e.MinOsVersion, e.MinSdk), (a.Platform, a.MinOsVersion, a.MinSdk));
            Assert.Equal(e.Architectures, a.Architectures);
        }
    }
}
