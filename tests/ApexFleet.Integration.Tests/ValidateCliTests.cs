using System.Text.Json;
using ApexFleet.Integration.Tests.Support;

namespace ApexFleet.Integration.Tests;

/// <summary>`apexfleet validate` as a user runs it: both formats, several documents, --explain, --json, exit codes.</summary>
public class ValidateCliTests
{
    private static readonly string Example = CliProcess.RepoFile("examples", "manifests", "product-recommender.yaml");

    private const string Own = """
        apiVersion: apexfleet.io/v1
        kind: Deployment
        metadata: { name: classifier-2 }
        spec:
          model: { id: classifier, version: "2.0.0", previousVersion: "1.0.0" }
          stages: [{ percent: 100 }]

        """;

    [Fact]
    public async Task The_example_is_valid_and_explained()
    {
        var result = await CliProcess.RunAsync("validate", Example, "--explain");

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.Equal("", result.Stderr);
        var lines = result.Stdout.Split('\n', StringSplitOptions.TrimEntries);
        Assert.Equal($"{Example}: document 1: valid OnDeviceModelDeployment (mobileai.apexlogic.com/v1)", lines[0]);
        Assert.Contains("model       prod-recommender-a1b2c3d4e5f6 2.1.0-quantized-int8 at INT8 (10 MB)", lines);
        Assert.Contains("replaces    2.0.0-quantized-int8, from metadata.annotations[\"apexfleet.io/previous-version\"]", lines);
        Assert.Contains("targets     ios ≥ 15.0 on arm64; android SDK ≥ 26 on arm64-v8a/armeabi-v7a", lines);
        Assert.Contains("1. stage-1: 5% for at least 16m", lines);
        Assert.Contains("conversion_rate_lift > 0.5, cohort-wide, after 76832 samples", lines);
        Assert.Contains("4. stage-4: 100% for at least 15m", lines);
        Assert.Contains("privacy     ε = 1 per report, daily budget 24 (24 reports a day per device)", lines);
        Assert.Contains("monitoring  7d after everyone runs it", lines);
        Assert.Contains("labels      namespace=production, app=ApexShopMobile, cost-center=cc-4711, team=personalization", lines);
    }

    [Fact]
    public async Task The_fleet_size_sizes_the_bake_windows()
    {
        // 5 % of 10,000 devices at 60 an hour make 500 samples a minute: 76,832 take 153.7 → 154 minutes.
        var result = await CliProcess.RunAsync("validate", Example, "--explain", "--fleet-size", "10000");

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.Contains("1. stage-1: 5% for at least 154m", result.Stdout.Split('\n', StringSplitOptions.TrimEntries));
    }

    [Fact]
    public async Task Every_error_of_every_document_is_one_line_and_the_exit_code_is_2()
    {
        var path = Path.Combine(Path.GetTempPath(), $"manifests-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(path, $"{Own}---\n{Own.Replace("percent: 100", "percnt: 100", StringComparison.Ordinal).Replace("1.0.0", "2.0.0", StringComparison.Ordinal)}");
        try
        {
            var result = await CliProcess.RunAsync("validate", path, "missing.yaml");

            Assert.Equal(2, result.ExitCode);
            Assert.Equal($"{path}: document 1: valid Deployment (apexfleet.io/v1)\n", result.Stdout);
            Assert.Equal(
                [
                    $"{path}:12:63: spec.model.previousVersion: must differ from version ('2.0.0')",
                    $"{path}:13:12: spec.stages[0].percent: is required",
                    $"{path}:13:12: spec.stages[0].percent: the last stage must reach 100%",
                    $"{path}:13:14: spec.stages[0].percnt: unknown field; did you mean 'percent'? expected one of name, percent, bakeWindow, gates, inconclusive",
                    "missing.yaml:0:0: (file): no such file",
                ],
                result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Json_lists_each_document_with_its_errors_and_plan()
    {
        var result = await CliProcess.RunAsync("validate", Example, "--json");

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        var document = Assert.Single(json.RootElement.EnumerateArray().ToList());
        Assert.True(document.GetProperty("valid").GetBoolean());
        Assert.Equal(0, document.GetProperty("errors").GetArrayLength());
        var rollout = document.GetProperty("rollout");
        Assert.Equal("INT8", rollout.GetProperty("precision").GetString());
        Assert.Equal([5.0, 25, 50, 100], rollout.GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("percent").GetDouble()));
    }

    [Fact]
    public async Task A_wrong_fleet_size_is_bad_input()
    {
        var result = await CliProcess.RunAsync("validate", Example, "--fleet-size", "0");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: --fleet-size must be a whole number from 1 to 1000000000 (got '0')", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1,2,3", "error: --usage-cycle: a usage cycle has one value per UTC hour, 24 in all (got 3)")]
    [InlineData("1,1,1,1,1,1,1,x,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1", "error: --usage-cycle: usage at hour 07: 'x' is not a number")]
    public async Task A_usage_cycle_that_is_not_24_hours_of_use_is_bad_input_naming_the_hour(string cycle, string error)
    {
        var result = await CliProcess.RunAsync("validate", Example, "--usage-cycle", cycle);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith(error, result.Stderr, StringComparison.Ordinal);
    }
}
