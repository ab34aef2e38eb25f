using System.Text.Json;
using ApexFleet.Integration.Tests.Support;

namespace ApexFleet.Integration.Tests;

/// <summary>`apexfleet catalogue check` as a user runs it: the catalogue against its cited figures.</summary>
public class CatalogueCliTests
{
    [Fact]
    public async Task The_check_prints_every_comparison_and_ordering_and_exits_0_when_all_hold()
    {
        var result = await CliProcess.RunAsync("catalogue", "check");

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.Contains("snapdragon-8-gen-3   INT8  source      0.209      0.209  1.000  within ±25 %", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("[R1] mobilenet-edgetpu (INT8, 6 chipsets): ρ = 1.000  holds", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("ptq-w8a8", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Every check holds.", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_follows_the_fleet_contract()
    {
        var result = await CliProcess.RunAsync("catalogue", "check", "--json");

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        Assert.True(root.GetProperty("holds").GetBoolean());
        var first = root.GetProperty("comparisons")[0];
        Assert.Equal(["family", "precision", "basis", "expression", "catalogue", "source", "ratio", "within", "assumption"], first.EnumerateObject().Select(p => p.Name));
        Assert.Contains(root.GetProperty("orderings").EnumerateArray(), o => o.GetProperty("spearman").GetDouble() >= 0.8);
        Assert.Equal(-1.75, root.GetProperty("accuracy").EnumerateArray().Single(a => a.GetProperty("method").GetString() == "ptq-w8a8").GetProperty("catalogue").GetDouble(), 9);
    }

    [Fact]
    public async Task A_figure_that_no_longer_matches_its_source_exits_1_and_a_missing_table_2()
    {
        var root = CliProcess.RepoFile("docs", "references.yaml");
        var tampered = Path.Combine(Path.GetTempPath(), $"references-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(tampered, (await File.ReadAllTextAsync(root)).Replace("value: 0.209,", "value: 0.5,", StringComparison.Ordinal));
        try
        {
            var failed = await CliProcess.RunAsync("catalogue", "check", "--references", tampered);
            Assert.Equal(1, failed.ExitCode);
            Assert.Contains("OUTSIDE ±25 %", failed.Stdout, StringComparison.Ordinal);

            var missing = await CliProcess.RunAsync("catalogue", "check", "--references", tampered + ".absent");
            Assert.Equal(2, missing.ExitCode);
            Assert.Contains("not found", missing.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(tampered);
        }
    }

    [Fact]
    public async Task Help_explains_the_verdicts_and_exit_codes()
    {
        var result = await CliProcess.RunAsync("catalogue", "check", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Spearman", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Exit code 0", result.Stdout, StringComparison.Ordinal);
    }
}
