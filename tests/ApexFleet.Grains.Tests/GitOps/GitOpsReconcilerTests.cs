using ApexFleet.Abstractions.Deployments;
using ApexFleet.Abstractions.GitOps;
using ApexFleet.Domain.Rollout;

namespace ApexFleet.Grains.Tests.GitOps;

/// <summary>The reconciler against real git repositories and a two-silo cluster, driven commit by commit.</summary>
[Collection(FleetClusterCollection.Name)]
public class GitOpsReconcilerTests(FleetClusterFixture fleet)
{
    private IGitOpsGrain Reconciler => fleet.Grains.GetGrain<IGitOpsGrain>(0);

    private async Task<GitOpsStatus> FollowAsync(GitRepo repo)
    {
        await Reconciler.Follow(new GitOpsSource(repo.Path, "main", "fleet/", TimeSpan.FromHours(1)));
        return await Reconciler.ReconcileNow();
    }

    private static GitRepo RepoWithPolicies(params string[] approvedModels) => new GitRepo()
        .Write("policies/ethics.yaml", GitOpsManifests.EthicsPolicy)
        .Write("registry/models.yaml", GitOpsManifests.Registry(approvedModels));

    [Fact]
    public async Task Commit_starts_a_threshold_change_revises_a_new_version_replaces_and_a_revert_rolls_back()
    {
        using var repo = RepoWithPolicies("lc-model");
        var first = repo.Write("fleet/lc.yaml", GitOpsManifests.Deployment("lc", "lc-model", "2.0.0", "1.0.0")).Commit("Roll out lc-model 2.0.0");

        var status = await FollowAsync(repo);
        var manifest = Assert.Single(status.Manifests);
        Assert.Equal((SyncState.Progressing, "lc", first, "Ada Lovelace"), (manifest.State, manifest.DeploymentId, manifest.CommitSha, manifest.Author));
        var audit = await fleet.Grains.GetGrain<IDeploymentGrain>("lc").GetAudit();
        Assert.Contains(first[..8], audit[0].Actor, StringComparison.Ordinal);

        repo.Write("fleet/lc.yaml", GitOpsManifests.Deployment("lc", "lc-model", "2.0.0", "1.0.0", threshold: 30)).Commit("Tighten the latency gate");
        status = await Reconciler.ReconcileNow();
        Assert.Equal("lc", Assert.Single(status.Manifests).DeploymentId);
        var revision = (await fleet.Grains.GetGrain<IDeploymentGrain>("lc").GetAudit()).Single(a => a.Decision == "Revise");
        Assert.Contains("latency_p95_ms LessOrEqual 40", revision.Reason, StringComparison.Ordinal);
        Assert.Contains("→ latency_p95_ms LessOrEqual 30", revision.Reason, StringComparison.Ordinal);
        Assert.Contains("Tighten the latency gate", revision.Reason, StringComparison.Ordinal);

        var upgrade = repo.Write("fleet/lc.yaml", GitOpsManifests.Deployment("lc", "lc-model", "3.0.0", "2.0.0", threshold: 30)).Commit("lc-model 3.0.0");
        status = await Reconciler.ReconcileNow();
        Assert.Equal(("lc-2", SyncState.Progressing), (Assert.Single(status.Manifests).DeploymentId, status.Manifests[0].State));
        Assert.Equal(RolloutPhase.Aborted, (await fleet.Grains.GetGrain<IDeploymentGrain>("lc").GetStatus()).Phase);
        Assert.Contains(await fleet.Grains.GetGrain<IDeploymentGrain>("lc").GetAudit(), a => a.Decision == "Superseded");

        repo.Revert(upgrade);
        status = await Reconciler.ReconcileNow();
        var reverted = await fleet.Grains.GetGrain<IDeploymentGrain>("lc-2").GetStatus();
        Assert.Equal((RolloutPhase.Aborted, "2.0.0"), (reverted.Phase, reverted.PreviousVersion));
        Assert.Equal(SyncState.Synced, Assert.Single(status.Manifests).State);
        Assert.Contains((await fleet.Grains.GetGrain<IDeploymentGrain>("lc-2").GetAudit()), a => a.Decision == "Abort" && a.Actor.Contains("Revert", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_deleted_manifest_aborts_its_rollout()
    {
        using var repo = RepoWithPolicies("del-model");
        repo.Write("fleet/del.yaml", GitOpsManifests.Deployment("del", "del-model", "2.0.0", "1.0.0")).Write("fleet/keep.yaml", GitOpsManifests.Deployment("keep", "del-model-2", "2.0.0", "1.0.0"));
        repo.Write("registry/models.yaml", GitOpsManifests.Registry("del-model", "del-model-2")).Commit("two rollouts");
        await FollowAsync(repo);

        repo.Delete("fleet/del.yaml").Commit("Retire del");
        var status = await Reconciler.ReconcileNow();

        Assert.Equal(RolloutPhase.Aborted, (await fleet.Grains.GetGrain<IDeploymentGrain>("del").GetStatus()).Phase);
        Assert.Equal("keep", Assert.Single(status.Manifests).Name);
        Assert.Equal(RolloutPhase.Progressing, (await fleet.Grains.GetGrain<IDeploymentGrain>("keep").GetStatus()).Phase);
    }

    [Fact]
    public async Task A_denied_and_an_invalid_manifest_get_their_status_while_a_valid_one_in_the_same_commit_syncs()
    {
        using var repo = RepoWithPolicies("ok-model");
        var sha = repo
            .Write("fleet/ok.yaml", GitOpsManifests.Deployment("ok", "ok-model", "2.0.0", "1.0.0"))
            .Write("fleet/denied.yaml", GitOpsManifests.Deployment("denied", "unassessed-model", "2.0.0", "1.0.0"))
            .Write("fleet/invalid.yaml", GitOpsManifests.Deployment("invalid", "ok-model-b", "2.0.0", "1.0.0").Replace("percent: 100", "percent: 200", StringComparison.Ordinal))
            .Commit("three manifests");

        var status = await FollowAsync(repo);

        var byPath = status.Manifests.ToDictionary(m => m.Path);
        Assert.Equal(SyncState.Progressing, byPath["fleet/ok.yaml"].State);
        Assert.Equal(SyncState.Denied, byPath["fleet/denied.yaml"].State);
        Assert.Contains("model unassessed-model has no approved ethical assessment in the registry", Assert.Single(byPath["fleet/denied.yaml"].Messages), StringComparison.Ordinal);
        Assert.Equal(SyncState.Invalid, byPath["fleet/invalid.yaml"].State);
        Assert.StartsWith("fleet/invalid.yaml:12:16: spec.stages[1].percent", byPath["fleet/invalid.yaml"].Messages[0], StringComparison.Ordinal);
        Assert.All(status.Manifests, m => Assert.Equal(sha, m.CommitSha));
        Assert.Equal(RolloutPhase.NotStarted, (await fleet.Grains.GetGrain<IDeploymentGrain>("denied").GetStatus()).Phase);
    }
}
