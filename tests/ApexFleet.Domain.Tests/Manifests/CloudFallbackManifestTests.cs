using ApexFleet.Domain.Manifests;
using ApexFleet.Domain.Rollout;

namespace ApexFleet.Domain.Tests.Manifests;

/// <summary><c>spec.cloudFallback</c>, which both manifest formats read the same way.</summary>
public class CloudFallbackManifestTests
{
    private static string Ours(string fallback) => $$"""
        apiVersion: apexfleet.io/v1
        kind: Deployment
        metadata: { name: c }
        spec:
          model: { id: m, version: "2.0.0", previousVersion: "1.0.0" }
          stages: [ { name: everyone, percent: 100 } ]
          {{fallback}}
        """;

    private static string OnDevice(string fallback) => $$"""
        apiVersion: mobileai.apexlogic.com/v1
        kind: OnDeviceModelDeployment
        metadata: { name: c, annotations: { apexfleet.io/previous-version: "1.0.0" } }
        spec:
          modelId: m
          modelVersion: "2.0.0"
          deploymentStrategy: { type: Canary, percentage: 5 }
          {{fallback}}
        """;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Both_formats_read_the_function_and_its_memory(bool onDevice)
    {
        var yaml = (onDevice ? OnDevice("cloudFallback: { function: classify, memoryMB: 512 }") : Ours("cloudFallback: { function: classify, memoryMB: 512 }"));

        Assert.Equal(new CloudFallback("classify", 512), DeploymentManifest.Parse("m.yaml", yaml).CloudFallback);
        Assert.Null(DeploymentManifest.Parse("m.yaml", onDevice ? OnDevice("") : Ours("")).CloudFallback);
    }

    [Theory]
    [InlineData(true, 8)]
    [InlineData(false, 7)]
    public void A_missing_function_and_an_absurd_memory_are_named_where_they_are(bool onDevice, int line)
    {
        var yaml = onDevice ? OnDevice("cloudFallback: { memoryMB: 20000, size: 1 }") : Ours("cloudFallback: { memoryMB: 20000, size: 1 }");

        var errors = Assert.Throws<ManifestException>(() => DeploymentManifest.Parse("m.yaml", yaml)).Errors;

        Assert.Equal(3, errors.Count);
        Assert.All(errors, e => Assert.Equal(line, e.Line));
        Assert.Contains(errors, e => e.Field == "spec.cloudFallback.function" && e.Message.Contains("required", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Field == "spec.cloudFallback.memoryMB" && e.Message.Contains("10240", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Field == "spec.cloudFallback.size" && e.Message.Contains("unknown field", StringComparison.Ordinal));
    }
}
