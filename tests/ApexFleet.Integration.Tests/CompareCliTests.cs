using System.Text.Json;
using ApexFleet.Integration.Tests.Support;

namespace ApexFleet.Integration.Tests;

/// <summary>`apexfleet compare` as a release engineer runs it: two strategies on the same simulated worlds.</summary>
public class CompareCliTests
{
    private static readonly ulong[] Seeds = [1, 2, 3];

    [Fact]
    public async Task One_step_to_everyone_reaches_100_percent_sooner_and_exposes_more_of_the_fleet_to_a_faulty_version()
    {
        var result = await CliProcess.RunAsync(
            TimeSpan.FromMinutes(10),
            "compare", "--scenario", CliProcess.RepoFile("examples", "latency-regression.yaml"),
            "--manifest", CliProcess.RepoFile("examples", "compare", "four-stages.yaml"),
            "--manifest", CliProcess.RepoFile("examples", "compare", "two-stages.yaml"),
            "--seeds", "1..3", "--devices", "3000", "--parallel", "2", "--json");

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        Assert.Equal(Seeds, root.GetProperty("seeds").EnumerateArray().Select(s => s.GetUInt64()));
        var runs = root.GetProperty("runs").EnumerateArray().ToList();
        var summaries = root.GetProperty("summaries").EnumerateArray().ToDictionary(s => s.GetProperty("strategy").GetString()!);
        Assert.Equal(["four-stages", "two-stages"], summaries.Keys.Order(StringComparer.Ordinal));

        foreach (var (name, summary) in summaries)
        {
            var own = runs.Where(r => r.GetProperty("strategy").GetString() == name).ToList();
            // Every strategy ran in every world; the scenario's fault makes each run a faulty one.
            Assert.Equal(Seeds, own.Select(r => r.GetProperty("seed").GetUInt64()).Order());
            Assert.Equal(3, summary.GetProperty("runs").GetInt32());
            Assert.Equal(3, summary.GetProperty("faultyRuns").GetInt32());
            Assert.Equal(0, summary.GetProperty("cleanRuns").GetInt32());
            Assert.Equal(3, summary.GetProperty("caught").GetInt32() + summary.GetProperty("missed").GetInt32());
            // The summary is the runs' own figures summed up.
            Assert.Equal(own.Count(r => r.GetProperty("hoursToCatch").ValueKind != JsonValueKind.Null), summary.GetProperty("caught").GetInt32());
            Assert.Equal(own.Average(r => r.GetProperty("exposedDeviceHours").GetDouble()), summary.GetProperty("meanExposedDeviceHours").GetDouble(), 6);
            var times = own.Select(r => r.GetProperty("hoursTo100")).Where(t => t.ValueKind != JsonValueKind.Null).Select(t => t.GetDouble()).Order().ToList();
            Assert.Equal(times.Count, summary.GetProperty("completed").GetInt32());
            Assert.Equal(times[times.Count / 2], summary.GetProperty("medianHoursTo100").GetDouble(), 6);
        }

        // The latency regression of one chipset is caught by both plans, with only its cohort rolled back.
        Assert.All(summaries.Values, s => Assert.Equal(3, s.GetProperty("caught").GetInt32()));
        Assert.All(runs, r => Assert.Equal(["snapdragon-660"], r.GetProperty("cohortsRolledBack").EnumerateArray().Select(c => c.GetString())));

        // Same worlds, different plans: in every world the one-step plan gets everyone else there
        // sooner, and pays for it with more of the fleet on the faulty build when it acts.
        foreach (var seed in Seeds)
        {
            var four = runs.Single(r => r.GetProperty("strategy").GetString() == "four-stages" && r.GetProperty("seed").GetUInt64() == seed);
            var two = runs.Single(r => r.GetProperty("strategy").GetString() == "two-stages" && r.GetProperty("seed").GetUInt64() == seed);
            Assert.True(two.GetProperty("hoursTo100").GetDouble() < four.GetProperty("hoursTo100").GetDouble(), $"seed {seed}");
            Assert.True(two.GetProperty("exposedDeviceHours").GetDouble() > four.GetProperty("exposedDeviceHours").GetDouble(), $"seed {seed}");
            Assert.True(two.GetProperty("exposedShareAtCatch").GetDouble() > four.GetProperty("exposedShareAtCatch").GetDouble(), $"seed {seed}");
        }
    }

    [Fact]
    public async Task A_seed_list_that_is_not_one_is_bad_input()
    {
        var result = await CliProcess.RunAsync("compare", "--scenario", CliProcess.RepoFile("examples", "latency-regression.yaml"), "--seeds", "1..x");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: '1..x' is not a seed list: write 1..50, 3,7,9 or 42", result.Stderr.Trim());
    }
}
