using ApexFleet.Domain.Fleet;
using ApexFleet.Domain.Pareto;
using ApexFleet.Domain.Registry;

namespace ApexFleet.Domain.Tests.Registry;

public class BenchmarkPriorsTests
{
    private static ArtifactManifest Artifact(string version, Precision variant, params ChipsetBenchmark[] benchmarks) =>
        new("m", version, variant, "sha256:" + new string('0', 64), 100, Benchmarks: benchmarks);

    [Fact]
    public void A_cohort_takes_each_variant_of_the_version_as_benchmarked_on_its_chipset_family()
    {
        var artifacts = new[]
        {
            Artifact("2.0.0", Precision.Fp16, new ChipsetBenchmark("npu", 20, 6, 72, 30), new ChipsetBenchmark("gpu", 10, 5, 72, 30)),
            Artifact("1.0.0", Precision.Int8, new ChipsetBenchmark("npu", 1, 1, 1, 1)),
            Artifact("2.0.0", Precision.Int8, new ChipsetBenchmark("npu", 5, 2, 71, 15), new ChipsetBenchmark("gpu", 30, 9, 71, 15)),
            Artifact("2.0.0", Precision.Int4, new ChipsetBenchmark("gpu", 40, 9, 69, 8)),
        };

        Assert.Equal(
            [new VariantPrior(Precision.Fp16, 20, 6, 72, 30), new VariantPrior(Precision.Int8, 5, 2, 71, 15)],
            BenchmarkPriors.For("npu", "2.0.0", artifacts));
        // A family-and-tier cohort reads its family's benchmarks.
        Assert.Equal(
            [new VariantPrior(Precision.Fp16, 10, 5, 72, 30), new VariantPrior(Precision.Int8, 30, 9, 71, 15), new VariantPrior(Precision.Int4, 40, 9, 69, 8)],
            BenchmarkPriors.For("gpu/high", "2.0.0", artifacts));
        Assert.Empty(BenchmarkPriors.For("dsp", "2.0.0", artifacts));
        Assert.Empty(BenchmarkPriors.For("npu", "3.0.0", artifacts));
    }
}
