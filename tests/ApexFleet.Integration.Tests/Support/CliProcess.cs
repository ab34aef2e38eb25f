using System.Diagnostics;

namespace ApexFleet.Integration.Tests.Support;

/// <summary>
/// Runs the real `apexfleet` program, or the benchmarks `./apexfleet bench` hands its command line
/// to (both built next to the tests), as a separate process.
/// </summary>
public static class CliProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static Task<Result> RunAsync(params string[] args) => RunAsync(TimeSpan.FromMinutes(5), args);

    /// <summary>`./apexfleet bench ...`: <paramref name="args"/> after `bench`.</summary>
    public static Task<Result> RunBenchAsync(params string[] args) => RunProgramAsync("ApexFleet.Benchmarks.dll", TimeSpan.FromMinutes(5), ["bench", .. args]);

    /// <summary>Runs the program; one still running after <paramref name="timeout"/> is killed and gets exit code -1.</summary>
    public static Task<Result> RunAsync(TimeSpan timeout, params string[] args) => RunProgramAsync("apexfleet.dll", timeout, args);

    /// <summary>The program with extra environment variables (tokens, trusted certificates).</summary>
    public static Task<Result> RunWithEnvironmentAsync(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        RunProgramAsync("apexfleet.dll", TimeSpan.FromMinutes(5), args, environment);

    /// <summary>Starts the program and leaves it running (a silo); the caller reads and stops it.</summary>
    public static Process Start(params string[] args) => Process.Start(StartInfo("apexfleet.dll", args, null))!;

    private static ProcessStartInfo StartInfo(string dll, string[] args, IReadOnlyDictionary<string, string>? environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, dll));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return start;
    }

    private static async Task<Result> RunProgramAsync(string dll, TimeSpan timeout, string[] args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = StartInfo(dll, args, environment);

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var expiry = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(expiry.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return new Result(-1, await stdout, await stderr + $"{Environment.NewLine}(killed after {timeout.TotalSeconds:0} s)");
        }

        return new Result(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>
    /// Writes the default scenario with its second stage's percentage below the first's, one known
    /// problem, to a fresh temporary file, and returns its path.
    /// </summary>
    public static async Task<string> WriteBrokenScenarioAsync()
    {
        var path = Path.Combine(Path.GetTempPath(), $"broken-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(path, (await File.ReadAllTextAsync(RepoFile("examples", "default.yaml")))
            .Replace("percent: 10\n", "percent: 0.5\n", StringComparison.Ordinal));
        return path;
    }

    public static string RepoFile(params string[] parts)
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "ApexFleet.sln")))
        {
            dir = Path.GetDirectoryName(dir) ?? throw new InvalidOperationException("repository root not found");
        }

        return Path.Combine([dir, .. parts]);
    }
}
