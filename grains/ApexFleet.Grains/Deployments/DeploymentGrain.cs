using ApexFleet.Abstractions.Deployments;
using ApexFleet.Abstractions.Fleet;
using ApexFleet.Domain.FinOps;
using ApexFleet.Domain.Fleet;
using ApexFleet.Domain.Manifests;
using ApexFleet.Domain.Rollout;
using ApexFleet.Grains.Fleet;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ApexFleet.Grains.Deployments;

/// <summary>
/// One rollout. Reads its cohorts' statistics, asks <see cref="RolloutEngine"/> what to do, records
/// the decision with its numbers, and publishes the resulting assignment to the fleet.
/// </summary>
public sealed partial class DeploymentGrain(
    [PersistentState(FleetStorage.DeploymentState, FleetStorage.ProviderName)] IPersistentState<DeploymentState> deployment,
    AssignmentCache localAssignments,
    TimeProvider clock) : Grain, IDeploymentGrain
{
    private const string Engine = "engine";

    private RolloutDefinition? _definition;
    private IGrainTimer? _timer;

    private DeploymentState State => deployment.State;

    private string Id => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (State.ManifestYaml is null)
        {
            return;
        }

        _definition = State.Apply(DeploymentManifest.Parse(State.Source, State.ManifestYaml, State.Fleet));
        await PublishAsync();
        StartTimer();
    }

    /// <summary>A manifest from a caller: its problems go back as a plain framework exception, which crosses the wire intact, every error line included.</summary>
    private static RolloutDefinition ParseForCaller(string source, string manifestYaml, FleetContext? fleet)
    {
        try
        {
            return DeploymentManifest.Parse(source, manifestYaml, fleet);
        }
        catch (ManifestException ex)
        {
            throw new ArgumentException(ex.Message, nameof(manifestYaml));
        }
    }

    public async Task<RolloutStatus> Start(string manifestYaml, string source, StartOptions options)
    {
        var definition = ParseForCaller(source, manifestYaml, options.Fleet);
        if (AdmissionEstimate.Denial(definition, options.Fleet ?? FleetContext.Default, Prices) is { } denial)
        {
            throw new ArgumentException($"{source}: spec.budget: {denial}", nameof(manifestYaml));
        }

        if (options.CostCenterCap?.Denial(definition, options.Fleet ?? FleetContext.Default, Prices) is { } capped)
        {
            throw new ArgumentException($"{source}: metadata.labels.{CostCenterCap.Label}: {capped}", nameof(manifestYaml));
        }

        if (State.ManifestYaml is not null)
        {
            if (State.ManifestYaml == manifestYaml)
            {
                return await GetStatus();
            }

            throw new InvalidOperationException(
                $"deployment '{Id}' already runs another manifest (from {State.Source}); start the new one under a new name, superseding '{Id}'");
        }

        var directory = GrainFactory.GetGrain<IFleetDirectoryGrain>(0);
        var claim = await directory.ClaimModel(definition.ModelId, Id, options.Supersedes);
        if (claim.Verdict == ClaimVerdict.Refused)
        {
            throw new InvalidOperationException(claim.Reason);
        }

        var silos = ServiceProvider.GetRequiredService<IOptions<FleetGrainOptions>>().Value.DefaultInconclusive;
        _definition = definition = State.Begin(definition, manifestYaml, source, options, silos);
        await ChooseVariantsAsync();
        var first = definition.Stages[0];
        Record(options.StartedAt, "Start", options.Actor, $"rollout of {definition.Target} begins at stage '{first.Name}' ({first.Percent}%)", [], []);
        if (claim.Verdict == ClaimVerdict.Superseding)
        {
            Record(options.StartedAt, "Supersede", options.Actor, claim.Reason, [], []);
        }

        await deployment.WriteCountedAsync(this, "deployment");
        if (claim.Verdict == ClaimVerdict.Superseding && claim.Holder is { } holder)
        {
            await GrainFactory.GetGrain<IDeploymentGrain>(holder).Superseded(Id, options.Actor);
        }

        await PublishAsync();
        StartTimer();
        return await GetStatus();
    }

    public async Task<RolloutStatus> Evaluate(DateTimeOffset now)
    {
        await HeardFromDriverAsync(now);
        return await JudgeAsync(now);
    }

    private async Task<RolloutStatus> JudgeAsync(DateTimeOffset now)
    {
        _judgedAt = now;
        var definition = Definition();
        var before = State.ToRolloutState();
        if (before.Phase.IsFinal())
        {
            return await GetStatus();
        }

        var (target, baseline) = await ReadMetricsAsync(definition);
        // The phone-hours the forecast's volume rests on, from the evidence the gates read anyway.
        State.TargetExposure = State.TargetExposure.Count(target.Values.Sum(m => m.InstalledDevices), now, Sizing.Cycle, StagesAhead.Offered(definition, before, Running(target, baseline)));
        var decision = await WithinBudgetAsync(definition, before, RolloutEngine.Evaluate(definition, before, target, now, baseline), now);
        await ActAsync(decision, before, now, Engine);
        return await GetStatus();
    }

    public Task<RolloutStatus> Pause(string actor) => ByHandAsync(actor, state => RolloutEngine.Pause(state));

    public Task<RolloutStatus> Resume(string actor) => ByHandAsync(actor, state => RolloutEngine.Resume(state));

    public Task<RolloutStatus> Promote(string actor) =>
        ByHandAsync(actor, state => RolloutEngine.ForcePromote(Definition(), state, clock.GetUtcNow()));

    public Task<RolloutStatus> Abort(string actor) => ByHandAsync(actor, state => RolloutEngine.Abort(state));

    public async Task Superseded(string by, string actor)
    {
        var before = State.ToRolloutState();
        if (_definition is null || before.Phase.IsFinal())
        {
            return;
        }

        // The model now follows the new rollout's assignment: this one ends without sending devices back.
        State.Take(RolloutEngine.Abort(before).Next);
        Record(clock.GetUtcNow(), "Superseded", actor, $"superseded by deployment '{by}', which now rolls out model '{_definition.ModelId}'", [], []);
        State.LastDecision = $"Superseded: by deployment '{by}'";
        await deployment.WriteCountedAsync(this, "deployment");
        await KeepListedAsync();
        _timer?.Dispose();
        _timer = null;
    }

    public async Task<RolloutStatus> GetStatus()
    {
        if (_definition is null)
        {
            return new RolloutStatus { DeploymentId = Id, Phase = RolloutPhase.NotStarted };
        }

        return State.ToStatus(Id, _definition, await ReadExposureAsync(_definition));
    }

    public Task<IReadOnlyList<AuditRecord>> GetAudit() => Task.FromResult<IReadOnlyList<AuditRecord>>([.. State.Audit]);

    private RolloutDefinition Definition() =>
        _definition ?? throw new InvalidOperationException($"deployment '{Id}' has not been started");

    private async Task<RolloutStatus> ByHandAsync(string actor, Func<RolloutState, RolloutDecision> decide)
    {
        Definition();
        var before = State.ToRolloutState();
        var decision = decide(before);
        if (!decision.ChangesState(before))
        {
            throw new InvalidOperationException(decision.Reason);
        }

        await ActAsync(decision, before, clock.GetUtcNow(), actor);
        return await GetStatus();
    }

    private async Task ActAsync(RolloutDecision decision, RolloutState before, DateTimeOffset now, string actor)
    {
        var gates = decision.Gates.Select(GateOutcome.From).ToList();
        State.LastGates = gates;
        State.LastDecision = $"{decision.Kind}: {decision.Reason}";
        if (!decision.ChangesState(before))
        {
            var holdKey = $"{before.StageIndex}:{decision.WaitingOn}";
            if (State.LastAuditedHold != holdKey)
            {
                State.LastAuditedHold = holdKey;
                Record(now, decision.Kind.ToString(), actor, decision.Reason, gates, []);
                await deployment.WriteCountedAsync(this, "deployment");
            }

            return;
        }

        State.Take(decision.Next);
        State.LastAuditedHold = null;
        if (decision.EntersLaterStage(before))
        {
            // Variants move only between stages, on the evidence gathered in the stage just passed.
            await ChooseVariantsAsync();
        }

        FleetMetrics.RolloutDecisions.Add(1, new KeyValuePair<string, object?>("decision", decision.Kind.ToString()));
        Record(now, decision.Kind.ToString(), actor, decision.Reason, gates, decision.CohortsRolledBack, decision.CohortsAdvanced);
        await deployment.WriteCountedAsync(this, "deployment");
        await PublishAsync();
        if (State.Phase.IsFinal())
        {
            _timer?.Dispose();
            _timer = null;
        }
    }

    private void Record(DateTimeOffset at, string decision, string actor, string reason, IReadOnlyList<GateOutcome> gates, IReadOnlyList<string> cohorts, IReadOnlyList<string>? advanced = null)
    {
        var stage = _definition is null ? "" : _definition.Stages[State.StageIndex].Name;
        State.Audit.Add(new AuditRecord(at, State.StageIndex, stage, decision, actor, reason, gates, cohorts, advanced is { Count: > 0 } ? advanced : null));
    }

    private async Task PublishAsync()
    {
        await KeepListedAsync();
        var variants = new Dictionary<string, Precision>(State.VariantByCohort, StringComparer.Ordinal);
        var assignment = RolloutAssignment.From(Id, Definition(), State.ToRolloutState(), variants.Count == 0 ? null : variants);
        if (await GrainFactory.GetGrain<IFleetDirectoryGrain>(0).PublishAssignment(assignment))
        {
            localAssignments.Upsert(assignment);
        }
    }

    private void StartTimer()
    {
        if (State.EvaluationInterval is null)
        {
            WatchDriver();
            return;
        }

        if (State.EvaluationInterval is not { } interval || State.Phase.IsFinal() || _timer is not null)
        {
            return;
        }

        // KeepAlive: an idle rollout must not be collected while it still has stages to judge.
        _timer = this.RegisterGrainTimer(() => Evaluate(clock.GetUtcNow()), new GrainTimerCreationOptions(interval, interval) { KeepAlive = true });
    }

    // For the other part of this class (DeploymentGrain.Driver.cs), which cannot see the primary constructor's parameters.
    private DateTimeOffset WallNow => clock.GetUtcNow();

    // The rollout's own clock at its last judgement: simulated time in a simulation.
    private DateTimeOffset? _judgedAt;

    private Task SaveAsync() => deployment.WriteCountedAsync(this, "deployment");
}
