using System.CommandLine;
using System.Numerics;
using ApexFleet.Cli;
using ApexFleet.Integration.Tests.Support;

namespace ApexFleet.Integration.Tests;

/// <summary>
/// Every numeric option of every command, read from the command tree (so a new one is walked too),
/// refuses junk with exit code 2 and a single <c>error:</c> line that names it — no stack trace, no help text.
/// </summary>
public class CliNumericOptionTests
{
    /// <summary>Not in the CLI's tree: `bench` is the benchmarks' own program, walked by its own theory.</summary>
    private static readonly HashSet<string> Skipped = new(StringComparer.Ordinal) { "bench" };

    /// <summary>Options for which a negative number is meaningful (none yet); they are not given "-1".</summary>
    private static readonly HashSet<string> NegativeAllowed = new(StringComparer.Ordinal);

    public static TheoryData<string, string> NumericOptions()
    {
        var data = new TheoryData<string, string>();
        foreach (var (path, option) in Walk(CliApp.CreateRoot(), []))
        {
            data.Add(string.Join(' ', path), option.Name);
        }

        return data;
    }

    public static TheoryData<string, string> BenchmarkOptions()
    {
        var data = new TheoryData<string, string>();
        foreach (var (path, option) in Walk(Benchmarks.BenchCommand.Create(), []))
        {
            data.Add(string.Join(' ', path), option.Name);
        }

        return data;
    }

    [Fact]
    public void The_walk_finds_the_numeric_options_of_every_kind_of_command()
    {
        var found = Walk(CliApp.CreateRoot(), []).Select(w => $"{string.Join(' ', w.Path)} {w.Option.Name}").ToList();

        Assert.Contains("simulate --devices", found);
        Assert.Contains("simulate --seed", found);
        Assert.Contains("silo --http-port", found);
        Assert.Contains("rollout status --gateway-port", found);
        Assert.Contains("fairness --min-group-size", found);
        Assert.DoesNotContain(found, f => f.StartsWith("bench", StringComparison.Ordinal));
        Assert.Contains(BenchmarkOptions(), row => row.Data is ("fleet", "--devices"));
    }

    [Theory]
    [MemberData(nameof(NumericOptions))]
    public async Task Junk_for_a_numeric_option_is_one_error_line_and_exit_code_2(string command, string option)
    {
        await RefusesJunkAsync(CliApp.CreateRoot(), command, option, args => CliProcess.RunAsync(TimeSpan.FromSeconds(60), args));
    }

    [Theory]
    [MemberData(nameof(BenchmarkOptions))]
    public async Task Junk_for_a_benchmark_option_is_one_error_line_and_exit_code_2(string command, string option)
    {
        await RefusesJunkAsync(Benchmarks.BenchCommand.Create(), command, option, CliProcess.RunBenchAsync);
    }

    private static async Task RefusesJunkAsync(Command root, string command, string option, Func<string[], Task<CliProcess.Result>> run)
    {
        var path = command.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var target = Find(root, path);
        // Stand-ins for the command's arguments, so the junk is the only thing wrong.
        string[] arguments =
        [
            .. target.Arguments.Select(a => a.ValueType == typeof(FileInfo) ? "manifest.yaml" : "x"),
            .. target.Options.Where(o => o.Required && o.Name != option).SelectMany(o => new[] { o.Name, IsNumber(o.ValueType) ? "1" : "x" }),
        ];
        var junk = NegativeAllowed.Contains($"{command} {option}")
            ? new[] { "abc", "99999999999999999999", "NaN" }
            : ["abc", "99999999999999999999", "-1", "NaN"];

        foreach (var value in junk)
        {
            var result = await run([.. path, .. arguments, option, value]);

            var what = $"apexfleet {command} {string.Join(' ', arguments)} {option} {value}: exit code {result.ExitCode}\n{result.Stdout}{result.Stderr}";
            Assert.True(result.ExitCode == 2, what);
            var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            Assert.StartsWith("error: ", line, StringComparison.Ordinal);
            Assert.True(line.Contains(option, StringComparison.Ordinal) && line.Contains($"'{value}'", StringComparison.Ordinal), what);
            Assert.True(result.Stdout.Length == 0, what);
            Assert.DoesNotContain("Exception", result.Stderr, StringComparison.Ordinal);
        }
    }

    private static IEnumerable<(string[] Path, Option Option)> Walk(Command command, string[] path)
    {
        foreach (var option in command.Options.Where(o => IsNumber(o.ValueType)))
        {
            yield return (path, option);
        }

        foreach (var sub in command.Subcommands.Where(c => !Skipped.Contains(c.Name)))
        {
            foreach (var found in Walk(sub, [.. path, sub.Name]))
            {
                yield return found;
            }
        }
    }

    private static Command Find(Command root, string[] path) =>
        path.Aggregate(root, (command, name) => command.Subcommands.Single(c => c.Name == name));

    private static bool IsNumber(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(INumber<>));
    }
}
