using System.CommandLine;
using ApexFleet.Abstractions.GitOps;
using ApexFleet.Domain.Manifests;

namespace ApexFleet.Cli.Commands;

/// <summary><c>apexfleet gitops</c>: makes the cluster follow a git branch, and shows what it reconciled.</summary>
public static class GitOpsCommand
{
    public static Command Create()
    {
        var repo = new Option<string>("--repo") { Description = "The repository: a local path, file:// or an HTTP(S) URL.", Required = true };
        var branch = new Option<string>("--branch") { Description = "The branch to follow.", DefaultValueFactory = _ => "main" };
        var path = new Option<string>("--path") { Description = "The folder of the manifests in the repository.", DefaultValueFactory = _ => "fleet/" };
        var interval = new Option<string>("--interval") { Description = "How often to look at the branch (e.g. 10s, 1m).", DefaultValueFactory = _ => "10s" };

        var command = ClusterCommand.Create(
            "gitops",
            "Make the cluster follow a git branch (as Argo CD and Flux do): merge to roll out, revert to roll back. Rules in policies/*.yaml are checked first.",
            parse => Task.FromResult(Source(parse.GetValue(repo)!, parse.GetValue(branch)!, parse.GetValue(path)!, parse.GetValue(interval)!)),
            async (source, client) => await client.GetGrain<IGitOpsGrain>(0).Follow(source),
            Print);
        command.Options.Add(repo);
        command.Options.Add(branch);
        command.Options.Add(path);
        command.Options.Add(interval);
        command.Subcommands.Add(ClusterCommand.Create(
            "status",
            "Show every manifest of the followed branch: Synced, Progressing, OutOfSync, Denied, Invalid or Failed, with the commit and author.",
            async (_, client) => await client.GetGrain<IGitOpsGrain>(0).GetStatus(),
            Print));
        return command;
    }

    /// <summary>The branch to follow, checked before connecting: a wrong interval is bad input.</summary>
    public static GitOpsSource Source(string repo, string branch, string path, string interval) =>
        DurationText.TryParse(interval, out var every) && every > TimeSpan.Zero
            ? new GitOpsSource(repo, branch, path, every)
            : throw new ManifestException([new ManifestError("--interval", 0, 0, "--interval", $"'{interval}' is not a duration such as 10s or 1m")]);

    public static void Print(GitOpsStatus status)
    {
        if (status.Source is not { } source)
        {
            Console.WriteLine("Not following any branch (see `apexfleet gitops --repo`).");
            return;
        }

        Console.WriteLine($"Following {source.Repository} {source.Branch} ({source.Path}) every {DurationText.Format(source.Interval)}, reconciled by {status.Owner}");
        Console.WriteLine(status.CommitSha.Length == 0 ? "No commit read yet." : $"Commit {status.CommitSha[..Math.Min(8, status.CommitSha.Length)]} by {status.Author}: {status.Message}");
        if (status.LastError.Length > 0)
        {
            Console.WriteLine($"Last error: {status.LastError}");
        }

        foreach (var manifest in status.Manifests)
        {
            Console.WriteLine($"  {manifest.State,-11} {manifest.Path} {manifest.Name} {manifest.DeploymentId}");
            foreach (var message in manifest.Messages)
            {
                Console.WriteLine($"      {message}");
            }
        }

        foreach (var drift in status.Drift)
        {
            Console.WriteLine($"  Drift       cohort {drift.Cohort}: {drift.Devices} device(s) on {drift.Model} {drift.Version}, which no manifest wants");
        }
    }
}
