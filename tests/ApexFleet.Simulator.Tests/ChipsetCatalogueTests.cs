using ApexFleet.Domain.Fleet;
using ApexFleet.Simulator.Catalogue;

namespace ApexFleet.Simulator.Tests;

public class ChipsetCatalogueTests
{
    private static readonly ChipsetCatalogue Catalogue = ChipsetCatalogue.Default;

    private static double Int8(string family) => Catalogue[family].For(Precision.Int8).LatencyMs;

    [Fact]
    public void The_catalogue_spans_at_least_ten_families_from_flagship_npus_to_cpu_only_phones()
    {
        Assert.True(Catalogue.Chipsets.Count >= 10);
        Assert.Equal(1.0, Catalogue.Chipsets.Sum(c => c.Share), 9);
        Assert.Contains(Catalogue.Chipsets, c => c.Tier == "flagship");
        Assert.Contains(Catalogue.Chipsets, c => c.Tier == "low" && c.PowerW.GetValueOrDefault("npu") == 0);
    }

    [Theory]
    // docs/REFERENCES.md [R2], Qualcomm AI Hub MobileNetV2 FP16 → INT8 (ms).
    [InlineData("snapdragon-8-gen-2", 0.906, 0.279)]
    [InlineData("snapdragon-8-gen-3", 0.623, 0.209)]
    [InlineData("snapdragon-8-elite", 0.451, 0.214)]
    public void Measured_chipsets_carry_the_published_figures(string family, double fp16, double int8)
    {
        Assert.Equal(fp16, Catalogue[family].For(Precision.Fp16).LatencyMs);
        Assert.Equal(int8, Catalogue[family].For(Precision.Int8).LatencyMs);
    }

    [Fact]
    public void Ordering_follows_the_reference_tables()
    {
        // [R1]: Snapdragon 8 Gen 3 (0.184 ms) < Exynos 2400 (0.229) < Snapdragon 7 Gen 3 (0.574) on the NPU,
        // and every NPU is far below a CPU-only phone (Snapdragon 4 Gen 2, ≈13.1 ms).
        Assert.True(Int8("snapdragon-8-gen-3") < Int8("exynos-2400"));
        Assert.True(Int8("exynos-2400") < Int8("snapdragon-7-gen-3"));
        Assert.True(Int8("snapdragon-7-gen-3") * 10 < Int8("snapdragon-4-gen-2"));
        // [R2]: INT8 beats FP16 on every Qualcomm NPU measured.
        foreach (var family in new[] { "snapdragon-8-gen-2", "snapdragon-8-gen-3", "snapdragon-8-elite" })
        {
            Assert.True(Int8(family) < Catalogue[family].For(Precision.Fp16).LatencyMs);
        }

        // [R3]: quantized CPU inference beats float CPU inference (Pixel 3: 13.4 vs 23.9 ms).
        Assert.True(Int8("snapdragon-4-gen-2") < Catalogue["snapdragon-4-gen-2"].For(Precision.Fp32).LatencyMs);
    }

    [Fact]
    public void Lower_precision_is_not_always_faster()
    {
        // Without native INT4, the runtime falls back to the CPU: slower than INT8 ([R2]'s DirectML case).
        var gen2 = Catalogue["snapdragon-8-gen-2"];
        Assert.False(gen2.For(Precision.Int4).Supported);
        Assert.True(gen2.For(Precision.Int4).LatencyMs > gen2.For(Precision.Int8).LatencyMs);
    }

    [Fact]
    public void Every_family_says_where_its_numbers_come_from()
    {
        Assert.All(Catalogue.Chipsets, c => Assert.Matches(@"\[R\d+\]|assumption", c.Note));
    }

    [Fact]
    public void Energy_is_latency_times_the_power_of_the_unit_that_runs_it()
    {
        var gen3 = Catalogue["snapdragon-8-gen-3"];
        Assert.Equal(0.209 * 1.0, gen3.EnergyMillijoules(Precision.Int8, 0.209), 12);
        Assert.Equal(1.9 * 2.5, gen3.EnergyMillijoules(Precision.Fp32, 1.9), 12);
    }

    [Fact]
    public void A_catalogue_whose_shares_do_not_add_up_is_refused()
    {
        var ex = Assert.Throws<FormatException>(() => ChipsetCatalogue.Parse("c.yaml", "chipsets: []"));
        Assert.Contains("shares must add up to 1", ex.Message, StringComparison.Ordinal);
    }
}
