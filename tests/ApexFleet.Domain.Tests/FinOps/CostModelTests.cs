using ApexFleet.Domain.FinOps;
using ApexFleet.Domain.Fleet;

namespace ApexFleet.Domain.Tests.FinOps;

public class CostModelTests
{
    [Fact]
    public void A_line_is_priced_by_its_bytes_fallbacks_and_energy()
    {
        // 3 GB × 0.10 = 0.30; 4,000 fall-backs × 0.50 / 1,000 = 2.00; 3.6e9 mJ = 1 kWh × 0.20 = 0.20.
        var line = new CostLine("a", Precision.Int8, SpendRole.Target, 2_000_000_000, 1_000_000_000, 4000, 100_000, 3.6e9, 0, 0);

        var cost = line.Price(CostFixtures.Prices);

        Assert.Equal(0.30, cost.EgressUsd, 12);
        Assert.Equal(2.00, cost.FallbackUsd, 12);
        Assert.Equal(0.20, cost.EnergyUsd, 12);
        Assert.Equal(2.30, cost.OperatorUsd, 12);
    }

    [Fact]
    public void Storage_is_priced_per_gigabyte_month()
    {
        Assert.Equal(0.02 * 13.6, CostFixtures.Prices.StorageUsdPerMonth(13.6e9), 12);
    }

    [Fact]
    public void The_defaults_are_sane_and_a_bad_price_is_named()
    {
        Assert.Empty(CostModel.Default.Problems());

        var problems = (CostModel.Default with { EgressUsdPerGb = -1, DeltaSizeRatio = 0 }).Problems();

        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("EgressUsdPerGb must be", StringComparison.Ordinal) && p.Contains("(got -1)", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("DeltaSizeRatio must be", StringComparison.Ordinal));
    }
}
