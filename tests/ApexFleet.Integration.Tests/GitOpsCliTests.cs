using System.Text.Json;
using ApexFleet.Grains.GitOps;
using ApexFleet.Integration.Tests.Support;
using ApexFleet.Silo.Hosting;
using LibGit2Sharp;
using Microsoft.Extensions.DependencyInjection;

namespace ApexFleet.Integration.Tests;

/// <summary>`apexfleet gitops` and `apexfleet policy test` as a user runs them, on the shipped example repository.</summary>
public class GitOpsCliTests
{
    private static readonly string Example = CliProcess.RepoFile("examples", "gitops");

    [Fact]
    public async Task Policy_test_prints_every_verdict_and_exits_1_when_any_manifest_is_denied()
    {
        var denied = await CliProcess.RunAsync("policy", "test", "--policies", Path.Combine(Example, "policies"),
            Path.Combine(Example, "policy-tests", "ethical-admitted.yaml"), Path.Combine(Example, "policy-tests", "finops-cpu-denied.yaml"));
        var admitted = await CliProcess.RunAsync("policy", "test", "--policies", Path.Combine(Example, "policies"), Path.Combine(Example, "fleet", "classifier.yaml"));
        var bad = await CliProcess.RunAsync("policy", "test", "--policies", Path.Combine(Example, "policies"), "no-such-manifest.yaml");

        Assert.Equal(1, denied.ExitCode);
        Assert.Contains("finops-cpu-denied.yaml: denied", denied.Stdout, StringComparison.Ordinal);
        Assert.Contains("denied: finops-emea-cpu-limit (policies/finops-cpu.yaml): CPU limit 90% of a core is above the 750m", denied.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, admitted.ExitCode);
        Assert.Equal(2, bad.ExitCode);
    }

    [Fact]
    public async Task A_silo_following_the_example_repository_rolls_out_its_manifest_and_gitops_status_shows_it()
    {
        var repoPath = CopyExampleIntoGit();
        var options = new FleetSiloOptions { SiloPort = FleetHost.FreePort(), GatewayPort = FleetHost.FreePort(), ClusterId = $"gitops-{Guid.NewGuid():N}" };
        using var silo = FleetSiloHost.BuildEmbedded(options, s => s.Services.Configure<GitOpsOptions>(o =>
        {
            o.Source = new(repoPath, "main", "fleet/", TimeSpan.FromMilliseconds(500));
            o.KeeperInterval = TimeSpan.FromMilliseconds(500);
        }));
        await silo.StartAsync();
        try
        {
            JsonElement manifest = default;
            for (var i = 0; i < 60 && manifest.ValueKind == JsonValueKind.Undefined; i++)
            {
                var status = await CliProcess.RunAsync("gitops", "status", "--json", "--gateway-port", options.GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--cluster-id", options.ClusterId);
                Assert.True(status.ExitCode == 0, status.Stderr);
                var manifests = JsonDocument.Parse(status.Stdout).RootElement.GetProperty("manifests");
                manifest = manifests.GetArrayLength() > 0 ? manifests[0].Clone() : default;
                await Task.Delay(manifest.ValueKind == JsonValueKind.Undefined ? 500 : 0);
            }

            Assert.Equal("fleet/classifier.yaml", manifest.GetProperty("path").GetString());
            Assert.Equal("Progressing", manifest.GetProperty("state").GetString());
            Assert.Equal("Ada Lovelace", manifest.GetProperty("author").GetString());
        }
        finally
        {
            await silo.StopAsync();
        }
    }

    private static string CopyExampleIntoGit()
    {
        var path = Path.Combine(Path.GetTempPath(), "apexfleet-gitops-cli", Guid.NewGuid().ToString("N"));
        foreach (var file in Directory.GetFiles(Example, "*.yaml", SearchOption.AllDirectories))
        {
            var target = Path.Combine(path, Path.GetRelativePath(Example, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        Repository.Init(path);
        using var repo = new Repository(path);
        repo.Refs.UpdateTarget("HEAD", "refs/heads/main");
        Commands.Stage(repo, "*");
        var who = new Signature("Ada Lovelace", "ada@example.com", DateTimeOffset.UtcNow);
        repo.Commit("The example fleet", who, who);
        return path;
    }
}
