using ApexFleet.Abstractions.GitOps;
using ApexFleet.Grains.GitOps;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace ApexFleet.Grains.Tests.GitOps;

/// <summary>
/// Silos configured to follow a branch (the silo option): one reconciles; when it dies, a survivor's
/// keeper wakes the reconciler there and it goes on following the branch.
/// </summary>
public sealed class GitOpsFailoverTests : IDisposable
{
    private readonly GitRepo _repo = new();

    public void Dispose() => _repo.Dispose();

    [Fact]
    public async Task When_the_reconciling_silo_dies_another_takes_over_and_follows_new_commits()
    {
        _repo.Write("policies/ethics.yaml", GitOpsManifests.EthicsPolicy).Write("registry/models.yaml", GitOpsManifests.Registry("fo-a", "fo-b"));
        _repo.Write("fleet/a.yaml", GitOpsManifests.Deployment("fo-a", "fo-a", "2.0.0", "1.0.0")).Commit("first");
        var source = new GitOpsSource(_repo.Path, "main", "fleet", TimeSpan.FromMilliseconds(300));
        await using var cluster = new InProcessTestClusterBuilder(3)
            .ConfigureSilo((_, silo) => silo
                .AddMemoryGrainStorage(FleetStorage.ProviderName)
                .AddFleetGrains(flush => flush.Interval = TimeSpan.FromHours(1))
                .Services.Configure<GitOpsOptions>(o =>
                {
                    o.Source = source;
                    o.KeeperInterval = TimeSpan.FromMilliseconds(300);
                    o.CacheDirectory = Path.Combine(_repo.Path + "-cache", Guid.NewGuid().ToString("N"));
                }))
            .Build();
        await cluster.DeployAsync();
        var reconciler = cluster.Client.GetGrain<IGitOpsGrain>(0);

        var before = await WaitForAsync(reconciler, s => s.Manifests.Count == 1 && s.Manifests[0].State == SyncState.Progressing);
        var owner = cluster.Silos.Single(s => s.SiloAddress.ToString() == before.Owner);
        await cluster.StopSiloAsync(owner);

        var second = _repo.Write("fleet/b.yaml", GitOpsManifests.Deployment("fo-b", "fo-b", "2.0.0", "1.0.0")).Commit("second");
        var after = await WaitForAsync(reconciler, s => s.CommitSha == second && s.Manifests.Count == 2);

        Assert.NotEqual(before.Owner, after.Owner);
        Assert.All(after.Manifests, m => Assert.Equal(SyncState.Progressing, m.State));
    }

    private static async Task<GitOpsStatus> WaitForAsync(IGitOpsGrain reconciler, Func<GitOpsStatus, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                var status = await reconciler.GetStatus();
                if (done(status))
                {
                    return status;
                }
            }
            catch (Exception ex) when (ex is OrleansException or TimeoutException)
            {
                // The silo that held it is going away; the next wake places it on a survivor.
            }

            Assert.True(DateTime.UtcNow < deadline, "the reconciler did not get there within a minute");
            await Task.Delay(200);
        }
    }
}
