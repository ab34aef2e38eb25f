using System.Text.Json;
using ApexFleet.Domain.Rollout;
using ApexFleet.Integration.Tests.Support;

namespace ApexFleet.Integration.Tests;

/// <summary>The `apexfleet` command as a user runs it: exit codes, summaries, one-line errors.</summary>
public class CliTests
{
    [Fact]
    public async Task Simulate_runs_the_default_rollout_to_completion_and_prints_the_summary()
    {
        var report = Path.Combine(Path.GetTempPath(), $"apexfleet-{Guid.NewGuid():N}.json");
        var page = Path.ChangeExtension(report, ".html");
        var result = await CliProcess.RunAsync("simulate", "--devices", "3000", "--quiet", "--report-json", report, "--report-html", page);

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.Contains("Final decision: Completed at stage 4/4 'everyone' (100%)", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Devices per cohort", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("3,000 devices", result.Stdout, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(report));
        var final = json.RootElement.GetProperty("final");
        Assert.Equal("Completed", final.GetProperty("phase").GetString());
        Assert.Equal(3000, final.GetProperty("cohorts").EnumerateArray().Sum(c => c.GetProperty("onTarget").GetInt64()));
        var html = await File.ReadAllTextAsync(page);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("classifier-2-0-0", html, StringComparison.Ordinal);
        Assert.Contains("<section id=\"variants\">", html, StringComparison.Ordinal);
        File.Delete(report);
        File.Delete(page);
    }

    [Fact]
    public async Task A_rolled_back_simulation_exits_non_zero()
    {
        var result = await CliProcess.RunAsync("simulate", "--scenario", CliProcess.RepoFile("examples", "crash-spike.yaml"), "--devices", "4000", "--quiet");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Final decision: RolledBack", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("fleet gate failed: crash_rate on fleet", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_scenario_is_refused_with_file_line_and_field()
    {
        var path = await CliProcess.WriteBrokenScenarioAsync();

        var result = await CliProcess.RunAsync("simulate", "--scenario", path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error: the scenario has 1 problem(s):", result.Stderr, StringComparison.Ordinal);
        Assert.Matches(@$"{Path.GetFileName(path)}:\d+:\d+: deployment\.spec\.stages\[1\]\.percent: must be above the previous stage's 1%", result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        File.Delete(path);
    }

    [Fact]
    public async Task An_unreachable_database_is_one_clear_line_and_a_non_zero_exit()
    {
        var result = await CliProcess.RunAsync("silo", "--clustering", "AdoNet", "--storage", "AdoNet",
            "--connection", "Host=127.0.0.1;Port=1;Username=nobody;Database=nowhere");

        Assert.Equal(4, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: cannot use PostgreSQL at 127.0.0.1:1/nowhere:", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_silo_needs_a_connection_string_for_durable_mode()
    {
        var result = await CliProcess.RunAsync("silo", "--storage", "AdoNet");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: Fleet:ConnectionString is required when clustering or storage is AdoNet (use --connection)", result.Stderr.Trim());
    }

    [Fact]
    public async Task Db_init_is_idempotent()
    {
        var first = await CliProcess.RunAsync("db", "init", "--connection", TestPostgres.ConnectionString);
        var second = await CliProcess.RunAsync("db", "init", "--connection", TestPostgres.ConnectionString);

        Assert.True(first.ExitCode == 0, first.Stderr);
        Assert.True(second.ExitCode == 0, second.Stderr);
        Assert.StartsWith("Schema applied to 127.0.0.1:", second.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Talking_to_a_silo_that_is_not_there_says_so()
    {
        var result = await CliProcess.RunAsync("rollout", "status", "anything", "--gateway-port", FleetHost.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(4, result.ExitCode);
        Assert.Contains("error: cannot reach a silo on localhost gateway port", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ [1, 2]: { sizeMB: 1 } }", "a list")]
    [InlineData("{ { a: 1 }: { sizeMB: 1 } }", "a mapping")]
    public async Task A_manifest_key_that_is_not_text_is_bad_input_before_any_cluster_is_asked(string variants, string what)
    {
        var path = Path.Combine(Path.GetTempPath(), $"variants-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(path, (await File.ReadAllTextAsync(CliProcess.RepoFile("examples", "manifests", "classifier-2-0-0.yaml")))
            .Replace("    sizeMB: 3.4\n", $"    sizeMB: 3.4\n    variants: {variants}\n", StringComparison.Ordinal));

        var result = await CliProcess.RunAsync("rollout", "start", path, "--gateway-port", FleetHost.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.True(result.ExitCode == 2, result.Stdout + result.Stderr);
        Assert.Contains($"{Path.GetFileName(path)}:14:17: spec.model.variants: keys must be text, not {what}", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        File.Delete(path);
    }

    [Fact]
    public async Task Every_command_explains_every_option()
    {
        foreach (var command in new[] { "simulate", "silo", "rollout start", "rollout status", "device show", "cohorts", "db init" })
        {
            var result = await CliProcess.RunAsync([.. command.Split(' '), "--help"]);

            Assert.Equal(0, result.ExitCode);
            var options = result.Stdout.Split("Options:")[1].Split('\n').Where(l => l.TrimStart().StartsWith('-'));
            Assert.All(options, line => Assert.Matches(@"^\s+-\S.*\S {2,}\S", line));
        }
    }
}
