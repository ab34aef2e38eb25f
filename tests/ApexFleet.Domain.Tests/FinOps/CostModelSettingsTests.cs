using ApexFleet.Domain.FinOps;
using ApexFleet.Domain.Manifests;

namespace ApexFleet.Domain.Tests.FinOps;

public class CostModelSettingsTests
{
    [Fact]
    public void A_file_sets_the_prices_it_names_and_keeps_the_defaults_for_the_rest()
    {
        var model = CostModelSettings.ReadYaml("prices.yaml", "egressUsdPerGb: 0.05\ndeltaSizeRatio: 0.2\n");

        Assert.Equal(CostModel.Default with { EgressUsdPerGb = 0.05, DeltaSizeRatio = 0.2 }, model);
        Assert.Equal(CostModel.Default, CostModelSettings.ReadYaml("empty.yaml", ""));
    }

    [Fact]
    public void The_shipped_example_is_the_defaults()
    {
        var path = Path.Combine(Policies.ExamplePolicies.Root, "..", "finops", "cost-model.yaml");

        Assert.Equal(CostModel.Default, CostModelSettings.ReadYaml(path, File.ReadAllText(path)));
    }

    [Theory]
    [InlineData("egressUsdPerGb: 0.05\nfallbackUSD: 1\n", "prices.yaml:2:1: (cost model): ", "fallbackUSD")]
    [InlineData("egressUsdPerGb: cheap\n", "prices.yaml:1:17: (cost model): ", "cheap")]
    [InlineData("egressUsdPerGb: -0.05\nfallbackUsdPer1k: -1\ndeltaSizeRatio: 1.5\n", "prices.yaml:1:1: (cost model): ",
        "EgressUsdPerGb must be a finite number of at least 0 (got -0.05); FallbackUsdPer1k must be a finite number of at least 0 (got -1); DeltaSizeRatio must be above 0 and at most 1 (got 1.5)")]
    public void A_bad_price_is_refused_with_its_file_and_line(string yaml, string where, string what)
    {
        var ex = Assert.Throws<ManifestException>(() => CostModelSettings.ReadYaml("prices.yaml", yaml));

        Assert.StartsWith(where, ex.Errors[0].ToString(), StringComparison.Ordinal);
        Assert.Contains(what, ex.Message, StringComparison.Ordinal);
    }
}
