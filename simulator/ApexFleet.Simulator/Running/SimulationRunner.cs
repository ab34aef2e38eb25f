using System.Diagnostics;
using ApexFleet.Abstractions.Cohorts;
using ApexFleet.Abstractions.Deployments;
using ApexFleet.Abstractions.Devices;
using ApexFleet.Abstractions.Fleet;
using ApexFleet.Domain.Registry;
using ApexFleet.Domain.Rollout;
using ApexFleet.Simulator.Catalogue;
using ApexFleet.Simulator.Population;
using ApexFleet.Simulator.Scenarios;
using ApexFleet.Simulator.Telemetry;

namespace ApexFleet.Simulator.Running;

/// <summary>
/// Runs a scenario against real grains: enrols the virtual fleet, starts the deployment on the
/// simulated clock, and each tick sends every phone's report, flushes cohort deltas and lets the
/// deployment judge its gates. Deterministic: the same scenario and seed give the same decisions.
/// </summary>
/// <param name="grains">Where the fleet's grains live (an embedded silo or a cluster client).</param>
/// <param name="flushCohortDeltas">
/// Pushes every silo-buffered delta to the cohorts before gates are judged, so a decision never
/// depends on flush timing.
/// </param>
/// <param name="catalogue">The chipsets to draw from; the built-in catalogue by default.</param>
/// <param name="runPrefix">
/// Prepended to device and deployment ids. Empty on a private embedded silo; unique per run when
/// joining a shared cluster, whose storage still holds the devices of earlier runs.
/// </param>
public sealed class SimulationRunner(IGrainFactory grains, Func<Task> flushCohortDeltas, ChipsetCatalogue? catalogue = null, string runPrefix = "")
{
    /// <summary>The keys virtual phones trust for the artifacts they install; null: they check digests only.</summary>
    public Domain.Registry.TrustedKeys? TrustedKeys { get; init; }

    /// <summary>
    /// Signs the simulation's own artifacts (those the registry does not offer), as a release's
    /// publisher would; null leaves them unsigned. An embedded run uses a <see cref="RunKey"/>.
    /// </summary>
    public SigningKey? Publisher { get; init; }

    /// <summary>How many device calls are in flight at once (a sliding window during the rollout).</summary>
    public const int Batch = 4096;

    /// <summary>Ticks to keep running after a final decision, so rollback installs land and show.</summary>
    public const int SettleTicks = 3;

    private readonly ChipsetCatalogue _catalogue = catalogue ?? ChipsetCatalogue.Default;

    /// <summary>
    /// Runs after every tick, off the rollout's clock: a benchmark makes its raw-call baseline
    /// here, so the two rates are measured on the same silo and heap, at the same moments.
    /// </summary>
    public Func<Task>? BetweenTicks { get; init; }
    /// <summary>The operator's inconclusive limit for stages whose manifest sets none; null waits without limit.</summary>
    public Domain.Rollout.InconclusivePolicy? InconclusiveFallback { get; init; }

    /// <summary>Overrides the manifest's progression; null keeps it.</summary>
    public Domain.Rollout.Progression? Progression { get; init; }


    /// <summary>The prices the silo's rollouts use.</summary>
    public Domain.FinOps.CostModel Prices { get; init; } = Domain.FinOps.CostModel.Default;
    private readonly ResolvedGrainType<IDeviceGrain> _devices = ResolvedGrainType<IDeviceGrain>.ForStringKeys(grains);

    // One reference per phone, made once: made per call, a reference costs an id string, its UTF-8
    // key and a proxy per report, a tenth of what a report allocates.
    private IDeviceGrain?[] _references = [];

    public async Task<SimulationResult> RunAsync(Scenario scenario, IProgress<SimulationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var fleet = PopulationGenerator.Generate(scenario, _catalogue);
        _references = new IDeviceGrain?[fleet.Count];
        // The model's own accuracy per quantization method; latencies are the chipsets' whatever the model.
        var runs = _catalogue.ForModelFamily(scenario.ModelFamily);
        var model = new TelemetryModel(scenario, runs, fleet);
        var agent = new VirtualAgent(scenario, fleet, TrustedKeys is { } keys ? new SignatureVerdicts(keys) : null, Publisher);
        var sim = scenario.Simulation;
        var clock = Stopwatch.StartNew();

        await EnrollAsync(scenario, fleet, progress, clock, cancellationToken);
        var enrollment = clock.Elapsed;

        var deployment = grains.GetGrain<IDeploymentGrain>(runPrefix + scenario.Deployment.Name);
        var priors = VariantPriors.FromCatalogue(scenario, runs);
        var status = await deployment.Start(scenario.DeploymentManifestYaml, scenario.Source, new StartOptions(null, sim.Start, "simulator", priors, null, scenario.DeploymentSizing, InconclusiveFallback?.MaxDuration, InconclusiveFallback?.OnInconclusive ?? default, Progression));
        // Between two evaluations, so a cluster never mistakes a long tick for a dead simulator.
        await using var heartbeat = DriverHeartbeat.Start(deployment);

        var ticks = (int)Math.Ceiling(sim.Duration / sim.Tick);
        var timeline = new List<TimelinePoint>();
        var rng = new SeededRandom(0);
        var window = new CallWindow<DeviceDirective>(Math.Min(Batch, fleet.Count));
        long sent = 0;
        var settle = 0;
        var tick = 0;
        var rolloutClock = Stopwatch.StartNew();
        Abstractions.Cost.RolloutCost? costAtCompletion = null;
        while (tick < ticks && settle <= SettleTicks)
        {
            cancellationToken.ThrowIfCancellationRequested();
            tick++;
            var now = sim.Start + (sim.Tick * tick);
            for (var device = 0; device < fleet.Count; device++)
            {
                if (window.IsFull)
                {
                    var (answered, directive) = await window.TakeOldestAsync();
                    agent.Obey(answered, directive);
                }

                rng.Reseed(SeededRandom.Mix(sim.Seed, (ulong)device, (ulong)tick));
                var (install, bytes) = agent.Advance(device, rng, sim.Tick * tick);
                var report = model.Measure(device, tick, ++fleet.Sequence[device], rng, install, bytes);
                window.Add(device, Device(device).Report(report));
            }

            while (window.Count > 0)
            {
                var (answered, directive) = await window.TakeOldestAsync();
                agent.Obey(answered, directive);
            }

            sent += fleet.Count;
            await flushCohortDeltas();
            status = await deployment.Evaluate(now);
            timeline.Add(Point(tick, now, status));
            if (costAtCompletion is null && status.Phase.ReachesEveryone())
            {
                // What the rollout spent by the moment everyone ran it: what its canary's forecast is held against.
                costAtCompletion = await deployment.GetCost();
            }

            progress?.Report(new SimulationProgress(SimulationPhase.RollingOut, tick, ticks, now, status, sent, clock.Elapsed));
            if (status.IsFinal)
            {
                settle++;
            }

            if (BetweenTicks is not null)
            {
                rolloutClock.Stop();
                await BetweenTicks();
                rolloutClock.Start();
            }
        }

        await flushCohortDeltas();
        var rollout = rolloutClock.Elapsed;
        status = await deployment.GetStatus();
        var audit = await deployment.GetAudit();
        var cost = await deployment.GetCost();
        var cohorts = await ReadCohortsAsync();
        return new SimulationResult(
            scenario.Name,
            sim.Seed,
            fleet.Count,
            tick,
            sim.Tick * tick,
            sent,
            status,
            audit,
            cohorts,
            timeline,
            new SimulationTimings(enrollment, rollout, sent / Math.Max(rollout.TotalSeconds, 1e-9)),
            cost,
            costAtCompletion);
    }

    private async Task EnrollAsync(Scenario scenario, VirtualFleet fleet, IProgress<SimulationProgress>? progress, Stopwatch clock, CancellationToken cancellationToken)
    {
        var previous = new ModelSlot(scenario.Deployment.ModelId, scenario.Deployment.PreviousVersion, scenario.Deployment.Precision);
        var calls = new Task[Math.Min(Batch, fleet.Count)];
        for (var first = 0; first < fleet.Count; first += Batch)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = Math.Min(Batch, fleet.Count - first);
            for (var j = 0; j < count; j++)
            {
                var device = first + j;
                var profile = PopulationGenerator.Profile(fleet, device, _catalogue);
                calls[j] = Device(device).Enroll(profile, previous);
            }

            await Task.WhenAll(calls.AsSpan(0, count));
            progress?.Report(new SimulationProgress(SimulationPhase.Enrolling, first + count, fleet.Count, scenario.Simulation.Start, null, 0, clock.Elapsed));
        }

        await flushCohortDeltas();
    }

    private IDeviceGrain Device(int index) => _references[index] ??= _devices.Get(runPrefix + VirtualFleet.DeviceId(index));

    private async Task<IReadOnlyList<CohortSnapshot>> ReadCohortsAsync()
    {
        var names = await grains.GetGrain<IFleetDirectoryGrain>(0).GetCohorts();
        return await Task.WhenAll(names.Select(n => grains.GetGrain<ICohortGrain>(n).GetSnapshot()));
    }

    private static TimelinePoint Point(int tick, DateTimeOffset at, RolloutStatus status) => new(
        tick,
        at,
        status.Phase,
        status.Stage,
        status.Percent,
        status.Cohorts.Sum(c => c.OnTarget),
        status.Cohorts.Sum(c => c.OnPrevious));
}
