using System.Text.Json;
using ApexFleet.Integration.Tests.Support;

namespace ApexFleet.Integration.Tests;

/// <summary>`apexfleet pareto` as a user runs it on the example table: fronts, choice, hypervolume, errors.</summary>
public class ParetoCliTests
{
    private static readonly string[] Example =
    [
        "pareto", "--candidates", CliProcess.RepoFile("examples", "pareto", "candidates.csv"),
        "--objectives", "latency:min,energy:min,accuracy:max",
        "--constraint", "latency<=50", "--constraint", "accuracy>=65",
        "--reference", "latency=100,energy=10,accuracy=0",
    ];

    [Fact]
    public async Task Json_output_has_the_fronts_the_infeasible_the_choice_the_hypervolume_and_a_reason_for_everyone()
    {
        var result = await CliProcess.RunAsync([.. Example, "--choose", "knee", "--json"]);

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        Assert.Equal(["fronts", "infeasible", "choice", "hypervolume", "explanations"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(
            [["fp16-gpu", "fp32-gpu", "int8-cpu", "int8-dsp"], ["int4-cpu", "int8-gpu"], ["int4-gpu"]],
            root.GetProperty("fronts").EnumerateArray().Select(f => f.EnumerateArray().Select(id => id.GetString()!).ToArray()).ToArray());
        Assert.Equal(["fp16-cpu", "fp32-cpu", "int8-ptq-cpu"], root.GetProperty("infeasible").EnumerateArray().Select(id => id.GetString()));
        Assert.Equal("fp16-gpu", root.GetProperty("choice").GetString());
        // Exact: the grid method in rational arithmetic gives 55718881/1000.
        Assert.Equal(55718.881, root.GetProperty("hypervolume").GetDouble(), 6);

        var explanations = root.GetProperty("explanations").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
        Assert.Equal(10, explanations.Count);
        Assert.Equal("infeasible: latency 58 breaks latency<=50", explanations["fp16-cpu"]);
        Assert.Equal("infeasible: accuracy 63.7 breaks accuracy>=65", explanations["int8-ptq-cpu"]);
        Assert.Equal("front 1: no feasible candidate dominates it", explanations["int8-dsp"]);
        Assert.Equal("front 3: dominated by int4-cpu (better latency 16.5 vs 18, energy 3.5 vs 4.6; no worse elsewhere)", explanations["int4-gpu"]);
        Assert.Equal(
            "front 1, chosen (knee): fp16-gpu lies farthest toward the ideal point, 0.63976, from the hyperplane Σx = 2 " +
            "(the extremes int8-dsp (best latency), int8-dsp (best energy), fp32-gpu (best accuracy) span no plane), " +
            "with the objectives normalised over the first front; next int8-cpu 0.60224",
            explanations["fp16-gpu"]);
    }

    [Fact]
    public async Task Weights_choose_by_weighted_sum_and_the_table_says_why()
    {
        var result = await CliProcess.RunAsync([.. Example, "--weights", "latency=0.5,energy=0.3,accuracy=0.2"]);

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.Contains("Choice: int8-dsp, by weighted: int8-dsp has the lowest weighted sum, 0.2,", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("dominated by int8-cpu", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Hypervolume of front 1: 55718.881", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_number_names_the_file_the_line_and_the_column()
    {
        var dir = Directory.CreateTempSubdirectory("apexfleet-pareto-");
        var path = Path.Combine(dir.FullName, "candidates.csv");
        await File.WriteAllTextAsync(path, "id,latency,energy\na,1,2\nb,2,1\nc,3,abc\n");

        var result = await CliProcess.RunAsync("pareto", "--candidates", path, "--objectives", "latency:min,energy:min");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: {path}:4: column 'energy': 'abc' is not a number", result.Stderr.Trim());
        dir.Delete(recursive: true);
    }

    [Fact]
    public async Task An_objective_without_a_column_is_named()
    {
        var result = await CliProcess.RunAsync("pareto", "--candidates", CliProcess.RepoFile("examples", "pareto", "candidates.csv"), "--objectives", "latency:min,memory:min");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no column 'memory'; the columns are id, precision, delegate, latency, energy, accuracy, size_mb", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nothing_feasible_exits_one_with_no_choice()
    {
        var result = await CliProcess.RunAsync("pareto", "--candidates", CliProcess.RepoFile("examples", "pareto", "candidates.csv"),
            "--objectives", "latency:min,accuracy:max", "--constraint", "latency<1", "--json");

        Assert.Equal(1, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("choice").ValueKind);
        Assert.Empty(json.RootElement.GetProperty("fronts").EnumerateArray());
    }

    [Fact]
    public async Task The_help_explains_every_option()
    {
        var result = await CliProcess.RunAsync("pareto", "--help");

        Assert.Equal(0, result.ExitCode);
        var options = result.Stdout.Split("Options:")[1].Split('\n').Where(l => l.TrimStart().StartsWith('-')).ToList();
        Assert.Equal(8, options.Count); // seven of ours and --help
        Assert.All(options, line => Assert.Matches(@"^\s+-\S.*\S {2,}\S", line));
    }
}
