using ApexFleet.Abstractions.Deployments;
using ApexFleet.Abstractions.Devices;
using ApexFleet.Abstractions.Registry;
using ApexFleet.Domain.Devices;
using ApexFleet.Domain.Fleet;
using ApexFleet.Domain.Registry;
using ApexFleet.Testing;

namespace ApexFleet.Grains.Tests;

/// <summary>Variant choice on a live fleet (no simulator, no priors given): the registry's benchmarks start it.</summary>
[Collection(FleetClusterCollection.Name)]
public sealed class LivePriorsTests(FleetClusterFixture fleet)
{
    private const string Model = "live-pareto";
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 6, 0, 0, TimeSpan.Zero);

    private const string Manifest = $$"""
        apiVersion: apexfleet.io/v1
        kind: Deployment
        metadata: { name: live-pareto-rollout }
        spec:
          model:
            id: {{Model}}
            version: "2.0.0"
            previousVersion: "1.0.0"
            precision: INT8
            sizeMB: 2
            variants:
              FP16: { sizeMB: 4 }
              INT8: { sizeMB: 2 }
          seed: 3
          selection:
            objectives: latency:min,accuracy:max
            choose: lexicographic
            minSamples: 20
          stages:
            - name: half
              percent: 50
              gates:
                - { metric: latency_p95_ms, operator: "<=", threshold: 100, minSamples: 20, scope: cohort }
            - name: everyone
              percent: 100
              gates:
                - { metric: latency_p95_ms, operator: "<=", threshold: 100, minSamples: 20, scope: cohort }
        """;

    [Fact]
    public async Task Each_cohort_starts_from_its_chipsets_registry_benchmarks_and_then_uses_what_it_measured()
    {
        // On the NPU INT8 is four times faster; on the GPU FP16 is three times faster.
        await PushAsync(Precision.Int8, new ChipsetBenchmark("npu-live", 5, 2, 71, 15), new ChipsetBenchmark("gpu-live", 30, 9, 71, 15));
        await PushAsync(Precision.Fp16, new ChipsetBenchmark("npu-live", 20, 6, 72, 30), new ChipsetBenchmark("gpu-live", 10, 5, 72, 30));
        var phones = Enroll("npu-live", 20).Concat(Enroll("gpu-live", 20)).ToList();
        await Task.WhenAll(phones.Select(p => p.EnrollAsync()));
        await fleet.FlushAsync();
        var deployment = fleet.Grains.GetGrain<IDeploymentGrain>("live-pareto-rollout");

        var started = await deployment.Start(Manifest, "test", new StartOptions(null, T0, "test"));
        await fleet.SyncAssignmentsAsync();

        var first = started.Variants.Where(v => v.Cohort.EndsWith("-live", StringComparison.Ordinal)).ToDictionary(v => v.Cohort);
        Assert.Equal(("INT8", "FP16"), (first["npu-live"].Chosen, first["gpu-live"].Chosen));
        Assert.Equal(["prior", "prior"], [first["npu-live"].Evidence["FP16"], first["npu-live"].Evidence["INT8"]]);
        Assert.Equal([5.0, 71.0], first["npu-live"].Values["INT8"]);

        // The canary half installs its cohort's variant and reports 5 inferences a round; three rounds pass the gates.
        var status = started;
        for (var tick = 1; tick <= 3; tick++)
        {
            await Task.WhenAll(phones.Select(p => p.ReportAsync(slot => slot.Version == "2.0.0" && slot.Precision == Precision.Int8 ? 8 : 12)));
            await fleet.FlushAsync();
            status = await deployment.Evaluate(T0.AddMinutes(10 * tick));
            await fleet.SyncAssignmentsAsync();
        }

        Assert.Equal(1, status.StageIndex);
        var onTarget = phones.Where(p => p.Installed.Version == "2.0.0").ToList();
        Assert.NotEmpty(onTarget);
        Assert.All(onTarget, p => Assert.Equal(p.Id.StartsWith("npu", StringComparison.Ordinal) ? Precision.Int8 : Precision.Fp16, p.Installed.Precision));
        var next = status.Variants.Where(v => v.Cohort.EndsWith("-live", StringComparison.Ordinal)).ToDictionary(v => v.Cohort);
        Assert.Equal(("INT8", "FP16"), (next["npu-live"].Chosen, next["gpu-live"].Chosen));
        Assert.StartsWith("measured (", next["npu-live"].Evidence["INT8"], StringComparison.Ordinal);
        Assert.StartsWith("measured (", next["gpu-live"].Evidence["FP16"], StringComparison.Ordinal);
        Assert.StartsWith("prior", next["npu-live"].Evidence["FP16"], StringComparison.Ordinal);
    }

    private IEnumerable<TestPhone> Enroll(string chipset, int count) =>
        Enumerable.Range(0, count).Select(i => new TestPhone(fleet.Grains, $"{chipset}-{i}", chipset, new ModelSlot(Model, "1.0.0", Precision.Int8)));

    private async Task PushAsync(Precision variant, params ChipsetBenchmark[] benchmarks)
    {
        var bytes = RegistryTestArtifacts.Weights(2, 16, (int)variant);
        var manifest = new ArtifactManifest(Model, "2.0.0", variant, ArtifactDigest.Of(bytes), bytes.Length, Benchmarks: benchmarks);
        var signature = Convert.ToBase64String(FleetClusterFixture.RegistryKey.Sign(manifest));
        var outcome = await fleet.Grains.GetGrain<IModelRegistryGrain>(Model).Register(new SignedArtifact(manifest, FleetClusterFixture.RegistryKey.KeyId, signature));
        Assert.True(outcome.Added, outcome.Problem);
    }
}
