using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using ApexFleet.Cli;
using ApexFleet.Cli.Commands;
using ApexFleet.Cli.Output;
using ApexFleet.Domain.Pareto;

namespace ApexFleet.Benchmarks;

/// <summary>
/// `bench pareto`: the non-dominated sort on random candidates, against the textbook peel (find
/// the non-dominated set by comparing every pair, remove it, repeat) run on the same points in the
/// same process.
/// </summary>
public static class ParetoBenchmark
{
    public static Command Create()
    {
        var candidates = new Option<int>("--candidates") { Description = "Random candidates to sort.", DefaultValueFactory = _ => 10_000 }.Within(1, 1_000_000);
        var objectives = new Option<int>("--objectives") { Description = "Objectives per candidate.", DefaultValueFactory = _ => 4 }.Within(1, 50);
        var json = new Option<FileInfo?>("--json") { Description = "Also write the figures as JSON to this file." };
        var command = new Command("pareto", "Time the exact non-dominated sort (all fronts) and report its speed-up over the naive peel on the same points.")
        {
            candidates, objectives, json,
        };
        command.SetAction(async (parse, token) =>
        {
            var n = parse.GetValue(candidates);
            var m = parse.GetValue(objectives);
            var rng = new Random(42);
            var points = Enumerable.Range(0, n).Select(_ => (IReadOnlyList<double>)[.. Enumerable.Range(0, m).Select(_ => Math.Round(rng.NextDouble(), 3))]).ToList();

            NonDominatedSort.Ranks(points);
            var fast = Time(() => NonDominatedSort.Ranks(points), out var ranks);
            var naive = Time(() => NaivePeel(points), out var naiveRanks);
            if (!ranks.SequenceEqual(naiveRanks))
            {
                Console.Error.WriteLine("error: the fast sort and the naive peel disagree");
                return ExitCodes.RolloutFailed;
            }

            var figures = new { candidates = n, objectives = m, fronts = ranks.Max() + 1, sortMilliseconds = fast, naiveMilliseconds = naive, speedup = naive / fast };
            var text = JsonSerializer.Serialize(figures, ReportJson.Options);
            Console.WriteLine(text);
            if (parse.GetValue(json) is { } file)
            {
                await File.WriteAllTextAsync(file.FullName, text, token);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static double Time(Func<int[]> run, out int[] result)
    {
        var clock = Stopwatch.StartNew();
        result = run();
        return clock.Elapsed.TotalMilliseconds;
    }

    private static int[] NaivePeel(IReadOnlyList<IReadOnlyList<double>> points)
    {
        var ranks = new int[points.Count];
        var left = Enumerable.Range(0, points.Count).ToList();
        for (var front = 0; left.Count > 0; front++)
        {
            var layer = left.Where(i => !left.Any(j => Dominance.Dominates([.. points[j]], [.. points[i]]))).ToList();
            foreach (var i in layer)
            {
                ranks[i] = front;
            }

            left = [.. left.Except(layer)];
        }

        return ranks;
    }
}
