using ApexFleet.Abstractions.GitOps;
using ApexFleet.Domain.GitOps;
using Microsoft.Extensions.Options;

namespace ApexFleet.Grains.GitOps;

/// <summary>
/// The reconciler: on its interval, reads the followed branch, judges every manifest, applies the
/// difference to the rollouts and records each manifest's state. The decisions are the domain's
/// (<see cref="DesiredState"/>, <see cref="GitOpsPlanner"/>); this grain reads, calls and stores.
/// </summary>
public sealed class GitOpsGrain(
    [PersistentState(GitOpsGrain.StateName, FleetStorage.ProviderName)] IPersistentState<GitOpsState> gitops,
    IOptions<GitOpsOptions> options,
    IOptions<FleetGrainOptions> fleet,
    ILocalSiloDetails silo) : Grain, IGitOpsGrain
{
    public const string StateName = "gitops";

    private IGrainTimer? _timer;

    private GitOpsState State => gitops.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        StartTimer();
        return Task.CompletedTask;
    }

    public async Task<GitOpsStatus> Follow(GitOpsSource source)
    {
        if (State.Source != source)
        {
            State.Source = source;
            await gitops.WriteCountedAsync(this, StateName);
            _timer?.Dispose();
            _timer = null;
        }

        StartTimer();
        return Status();
    }

    public Task Wake()
    {
        StartTimer();
        return Task.CompletedTask;
    }

    public Task<GitOpsStatus> ReconcileNow() => ReconcileAsync();

    public Task<GitOpsStatus> GetStatus() => Task.FromResult(Status());

    private void StartTimer()
    {
        if (State.Source is not { } source || _timer is not null)
        {
            return;
        }

        // KeepAlive: the reconciler must not be collected while it follows a branch.
        _timer = this.RegisterGrainTimer(() => ReconcileAsync(), new GrainTimerCreationOptions(TimeSpan.Zero, source.Interval) { KeepAlive = true });
    }

    private async Task<GitOpsStatus> ReconcileAsync()
    {
        if (State.Source is not { } source)
        {
            return Status();
        }

        RepositorySnapshot commit;
        try
        {
            // libgit2 blocks; off the grain's scheduler, back on it for the rest.
            commit = await Task.Run(() => GitBranchReader.Read(source, options.Value.CacheDirectory));
        }
        catch (Exception ex)
        {
            // An unreachable repository changes nothing in the fleet; it is reported and retried.
            State.LastError = $"cannot read {source.Repository} ({source.Branch}): {ex.Message}";
            await gitops.WriteCountedAsync(this, StateName);
            return Status();
        }

        var desired = DesiredState.Read(commit, source.Path, fleet.Value.Cost);
        var plan = GitOpsPlanner.Plan(desired, await AppliedManifests.ReadAsync(GrainFactory, State.Applied.Values));
        var applier = new GitOpsApplier(GrainFactory, State.Applied, commit);
        await applier.ApplyAllAsync(plan);
        State.Manifests = await GitOpsStatuses.OfAsync(GrainFactory, commit, desired, State.Applied, applier.Failures);
        var drift = await FleetDrift.FindAsync(GrainFactory, State.Applied);
        await FleetDrift.AuditAsync(GrainFactory, State.Drift, drift, commit.Actor);
        State.Drift = drift;
        (State.CommitSha, State.Author, State.Message) = (commit.Sha, commit.Author, commit.Message);
        State.ReconciledAt = DateTimeOffset.UtcNow;
        State.LastError = "";
        await gitops.WriteCountedAsync(this, StateName);
        return Status();
    }

    private GitOpsStatus Status() => new()
    {
        Source = State.Source,
        CommitSha = State.CommitSha,
        Author = State.Author,
        Message = State.Message,
        ReconciledAt = State.ReconciledAt,
        Owner = silo.SiloAddress.ToString(),
        LastError = State.LastError,
        Manifests = [.. State.Manifests],
        Drift = [.. State.Drift],
    };
}
