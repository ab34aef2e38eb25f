using ApexFleet.Abstractions.Deployments;
using ApexFleet.Domain.Rollout;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ApexFleet.Grains.Deployments;

/// <summary>
/// What keeps a rollout judged when nobody drives it: the list of unfinished rollouts the keeper
/// wakes, and, for a rollout driven from outside (no evaluation interval), a watch on its driver.
/// </summary>
public sealed partial class DeploymentGrain
{
    private const string Cluster = "cluster";
    private const string ClusterJudges = "ClusterJudges";
    private const string DriverBack = "DriverBack";

    private IGrainTimer? _watch;
    private DriverWatch? _driver;

    public Task DriverHeartbeat() => HeardFromDriverAsync(null);

    /// <summary>The silo's grace period for a silent driver; null when the cluster never takes over.</summary>
    private TimeSpan? DriverGrace => ServiceProvider.GetRequiredService<IOptions<FleetGrainOptions>>().Value.DriverGracePeriod;

    /// <summary>Keeps the list of unfinished rollouts, which the keeper wakes, true about this one.</summary>
    private Task KeepListedAsync()
    {
        var unfinished = GrainFactory.GetGrain<IUnfinishedRolloutsGrain>(0);
        return State.Phase.IsFinal() ? unfinished.Remove(Id) : unfinished.Add(Id);
    }

    /// <summary>
    /// A rollout driven from outside watches its driver: when it has said nothing (no evaluation,
    /// no heartbeat) for the grace period, the cluster judges the rollout on the rollout's own clock.
    /// </summary>
    private void WatchDriver()
    {
        if (DriverGrace is not { } grace || State.Phase.IsFinal() || _watch is not null)
        {
            return;
        }

        // After an activation the driver gets a whole grace period to find the new one.
        var wallNow = WallNow;
        _driver ??= State is { DriverRolloutTime: { } at, DriverEvaluatedAt: { } evaluatedAt }
            ? DriverWatch.Resumed(at, evaluatedAt, wallNow)
            : DriverWatch.From(State.Audit.Count > 0 ? State.Audit[^1].At : State.StageStartedAt, wallNow);
        var every = DriverWatch.CheckInterval(grace);
        _watch = this.RegisterGrainTimer(() => JudgeForSilentDriverAsync(grace), new GrainTimerCreationOptions(every, every) { KeepAlive = true });
    }

    private async Task JudgeForSilentDriverAsync(TimeSpan grace)
    {
        var wallNow = WallNow;
        if (State.Phase.IsFinal() || _driver is null)
        {
            _watch?.Dispose();
            _watch = null;
            return;
        }

        if (!_driver.IsSilent(grace, wallNow))
        {
            return;
        }

        var now = _driver.RolloutTimeAt(wallNow);
        if (State.ClusterJudgesSince is null)
        {
            State.ClusterJudgesSince = wallNow;
            Record(now, ClusterJudges, Cluster, _driver.TakeOverReason(), [], []);
            await SaveAsync();
        }

        await JudgeAsync(now);
    }

    /// <summary>The driver evaluated (at <paramref name="rolloutTime"/> on its clock) or said it is there.</summary>
    private async Task HeardFromDriverAsync(DateTimeOffset? rolloutTime)
    {
        if (State.EvaluationInterval is not null || State.ManifestYaml is null || State.Phase.IsFinal() || DriverGrace is null)
        {
            return;
        }

        var wallNow = WallNow;
        var watch = _driver ?? DriverWatch.From(rolloutTime ?? State.StageStartedAt, wallNow);
        _driver = rolloutTime is { } at ? watch.Evaluated(at, wallNow) : watch.Heard(wallNow);
        var changed = false;
        if (rolloutTime is { } evaluated)
        {
            changed = true;
            // Stored, so that a new activation continues the rollout's clock from here.
            State.DriverRolloutTime = evaluated;
            State.DriverEvaluatedAt = wallNow;
        }

        if (State.ClusterJudgesSince is { } since)
        {
            State.ClusterJudgesSince = null;
            Record(rolloutTime ?? _driver.RolloutTimeAt(wallNow), DriverBack, State.StartedBy, DriverWatch.BackReason(since), [], []);
            changed = true;
        }

        if (changed)
        {
            await SaveAsync();
        }
    }
}
