using System.Text.Json;
using ApexFleet.Domain.FinOps;
using ApexFleet.Integration.Tests.Support;
using ApexFleet.Silo.Hosting;
using Microsoft.Extensions.Configuration;

namespace ApexFleet.Integration.Tests;

/// <summary>Prices from configuration: a <c>--cost-model</c> file for simulate and silo, the <c>Fleet:Cost</c> section for a silo.</summary>
public class CostModelCliTests
{
    [Fact]
    public async Task Simulate_prices_the_rollout_with_the_cost_model_file()
    {
        var prices = Path.Combine(Path.GetTempPath(), $"prices-{Guid.NewGuid():N}.yaml");
        var report = Path.ChangeExtension(prices, ".json");
        await File.WriteAllTextAsync(prices, "egressUsdPerGb: 2\nfallbackUsdPer1k: 10\n");
        var result = await CliProcess.RunAsync("simulate", "--devices", "2000", "--quiet", "--cost-model", prices, "--report-json", report);

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(report));
        var lines = json.RootElement.GetProperty("cost").GetProperty("lines").EnumerateArray().ToList();
        Assert.NotEmpty(lines);
        foreach (var line in lines)
        {
            var bytes = line.GetProperty("bytesFull").GetInt64() + line.GetProperty("bytesDelta").GetInt64();
            Assert.Equal(bytes / 1e9 * 2, line.GetProperty("egressUsd").GetDouble(), 9);
            Assert.Equal(line.GetProperty("cloudFallbacks").GetInt64() / 1000.0 * 10, line.GetProperty("fallbackUsd").GetDouble(), 9);
        }

        File.Delete(prices);
        File.Delete(report);
    }

    [Fact]
    public async Task A_bad_cost_model_file_is_refused_before_anything_runs()
    {
        var prices = Path.Combine(Path.GetTempPath(), $"prices-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(prices, "egressUsdPerGb: 0.05\ndeltaSizeRatio: 0\n");

        var simulate = await CliProcess.RunAsync("simulate", "--cost-model", prices);
        var silo = await CliProcess.RunAsync("silo", "--cost-model", prices + ".missing");

        Assert.Equal(2, simulate.ExitCode);
        Assert.Contains($"{prices}:1:1: (cost model): DeltaSizeRatio must be above 0 and at most 1 (got 0)", simulate.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Starting an embedded silo", simulate.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, silo.ExitCode);
        Assert.StartsWith($"error: --cost-model {prices}.missing: ", silo.Stderr, StringComparison.Ordinal);
        File.Delete(prices);
    }

    [Fact]
    public void A_silo_reads_its_prices_from_the_Fleet_Cost_section()
    {
        IConfiguration Config(params (string Key, string Value)[] pairs) =>
            new ConfigurationBuilder().AddInMemoryCollection(pairs.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value))).Build();

        Assert.Null(FleetSiloHost.ConfiguredCost(Config(("Fleet:HttpPort", "8080"))));
        Assert.Equal(
            CostModel.Default with { EgressUsdPerGb = 0.02, StorageUsdPerGbMonth = 0.01 },
            FleetSiloHost.ConfiguredCost(Config(("Fleet:Cost:EgressUsdPerGb", "0.02"), ("Fleet:Cost:StorageUsdPerGbMonth", "0.01"))));
        var bad = Assert.Throws<FormatException>(() => FleetSiloHost.ConfiguredCost(Config(("Fleet:Cost:EnergyUsdPerKwh", "-3"))));
        Assert.Equal("configuration section Fleet:Cost: EnergyUsdPerKwh must be a finite number of at least 0 (got -3)", bad.Message);
        var notANumber = Assert.Throws<FormatException>(() => FleetSiloHost.ConfiguredCost(Config(("Fleet:Cost:EgressUsdPerGb", "cheap"))));
        Assert.StartsWith("configuration section Fleet:Cost: ", notANumber.Message, StringComparison.Ordinal);
    }
}
