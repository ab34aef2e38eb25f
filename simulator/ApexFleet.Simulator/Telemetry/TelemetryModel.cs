using ApexFleet.Abstractions.Devices;
using ApexFleet.Domain.Fleet;
using ApexFleet.Domain.Rollout;
using ApexFleet.Domain.Telemetry;
using ApexFleet.Simulator.Catalogue;
using ApexFleet.Simulator.Population;
using ApexFleet.Simulator.Scenarios;
using MathNet.Numerics.Distributions;

namespace ApexFleet.Simulator.Telemetry;

/// <summary>
/// What a virtual phone measures in one tick: how often the model ran (diurnal), how long each
/// inference took (log-normal around the chipset's median, slower when hot), energy, memory,
/// battery, crashes, and whether each prediction was right (per fairness group); then, from a stream
/// of its own so the draws above stay as they were, the app sessions the inferences came in, their
/// conversions (<see cref="SessionRule"/>) and the CPU-limit breaches of their bursts (<see cref="CpuUse"/>).
/// The deployment's explainability level slows and costs the new version as <see cref="Guardrails.Overhead"/> says.
/// </summary>
public sealed class TelemetryModel(Scenario scenario, ChipsetCatalogue catalogue, VirtualFleet fleet)
{
    private const double ThrottleSlowdown = 1.25;
    private const double BatteryWattHours = 15;
    private const double IdleDrainPercentPerHour = 0.8;

    // Output scores: positives centre on 0.72, negatives on 0.28 (a calibrated binary classifier).
    private const double PositiveScore = 0.72;
    private const double NegativeScore = 0.28;
    private const double ScoreSpread = 0.12;

    private readonly ChipsetProfile[] _chipsets = [.. fleet.ChipsetNames.Select(c => catalogue[c])];
    private readonly ModelVersionSpec[] _versions = [.. fleet.Versions.Select(v => scenario.Models[v])];

    // One slot per version and precision, shared by every report that names it.
    private readonly ModelSlot[,] _running = RunningSlots(scenario, fleet);

    private readonly short _target = (short)fleet.VersionIndex(scenario.Deployment.TargetVersion);
    private readonly (double Latency, double Energy) _explanations = Guardrails.Overhead(scenario.Deployment.Guards.Explainability);

    /// <summary>Fills in a report's measurements for one device and one tick, drawing from <paramref name="rng"/>.</summary>
    public TelemetryReport Measure(int device, int tick, long sequence, SeededRandom rng, InstallProgress? install, Download download)
    {
        var elapsed = scenario.Simulation.Tick * tick;
        var now = scenario.Simulation.Start + elapsed;
        var version = fleet.InstalledVersion[device];
        var running = version == VirtualFleet.NoVersion ? null : _running[version, fleet.InstalledPrecision[device]];
        if (running is null)
        {
            return new TelemetryReport { Sequence = sequence, At = now, Install = install, Counters = Downloaded(download) };
        }

        var chipset = _chipsets[fleet.Chipset[device]];
        var group = fleet.GroupNames[fleet.Group[device]];
        var precision = running.Precision;
        var model = _versions[version];
        var profile = chipset.For(precision);

        // Explanations make each answer of the new version slower; energy follows latency, and any
        // energy overhead beyond the latency's is applied on top.
        var explained = version == _target;
        var latencyFactor = model.LatencyScale * fleet.SpeedFactor[device] * (explained ? _explanations.Latency : 1);
        var energyExtra = explained ? _explanations.Energy / _explanations.Latency : 1;
        var batteryFactor = 1.0;
        var crashRate = scenario.Simulation.CrashRatePerInference;
        var accuracyLoss = 0.0;
        var scoreShift = 0.0;
        var conversionFactor = 1.0;
        var cpuFactor = 1.0;
        var memoryFactor = 1.0;
        var selectionKept = 1.0;
        foreach (var fault in scenario.Faults)
        {
            if (!fault.Applies(running.Version, chipset.Family, group, precision, elapsed) || !fault.Hits(device))
            {
                continue;
            }

            switch (fault.Kind)
            {
                case FaultKind.LatencyRegression: latencyFactor *= fault.Amount; break;
                case FaultKind.BatteryRegression: batteryFactor *= fault.Amount; break;
                case FaultKind.CrashSpike: crashRate = Math.Max(crashRate, fault.Amount); break;
                case FaultKind.AccuracyLoss: accuracyLoss += fault.Amount; break;
                case FaultKind.OutputDrift: scoreShift += fault.Amount; break;
                case FaultKind.ConversionDrop: conversionFactor *= fault.Amount; break;
                case FaultKind.CpuRegression: cpuFactor *= fault.Amount; break;
                case FaultKind.MemoryRegression: memoryFactor *= fault.Amount; break;
                case FaultKind.SelectionDrop: selectionKept *= fault.Amount; break;
            }
        }

        var expected = scenario.Simulation.InferencesPerTick * Diurnal(now);
        var inferences = Poisson.Sample(rng, expected);
        var throttled = inferences > 1.5 * scenario.Simulation.InferencesPerTick && rng.NextDouble() < 0.3;
        var mu = Math.Log(profile.LatencyMs * latencyFactor * (throttled ? ThrottleSlowdown : 1));
        var latencies = new float[inferences];
        double energy = 0;
        var fallbacks = 0;
        for (var i = 0; i < inferences; i++)
        {
            var latency = Math.Exp(mu + profile.Sigma * Normal.Sample(rng, 0, 1));
            latencies[i] = (float)latency;
            fallbacks += latency > scenario.Simulation.CloudFallbackMs ? 1 : 0;
            energy += chipset.EnergyMillijoules(precision, latency) * energyExtra;
        }

        var accuracy = Math.Clamp((model.AccuracyPercent + profile.AccuracyDelta - accuracyLoss) / 100, 0, 1);
        int tp = 0, fp = 0, tn = 0, fn = 0;
        var histogram = new int[OutputScores.Bins];
        for (var i = 0; i < inferences; i++)
        {
            var positive = rng.NextDouble() < 0.5;
            var correct = rng.NextDouble() < accuracy;
            var score = Normal.Sample(rng, (positive == correct ? PositiveScore : NegativeScore) + scoreShift, ScoreSpread);
            histogram[OutputScores.BinOf(score)]++;
            if (positive)
            {
                if (correct) { tp++; } else { fn++; }
            }
            else if (correct)
            {
                tn++;
            }
            else
            {
                fp++;
            }
        }

        var hours = scenario.Simulation.Tick.TotalHours;
        var drain = (IdleDrainPercentPerHour + energy / 1000 / 3600 / BatteryWattHours * 100 / hours) * batteryFactor;
        var peakMemory = profile.MemoryMb * (1 + 0.05 * Math.Abs(Normal.Sample(rng, 0, 1))) * memoryFactor;

        var more = new SeededRandom(SeededRandom.Mix(scenario.Simulation.Seed ^ 0x5E55105, (ulong)device, (ulong)tick));
        if (selectionKept < 1)
        {
            // Positive predictions the fault turns negative: true positives become false negatives, false positives true negatives.
            var keptTrue = Binomial.Sample(more, selectionKept, tp);
            var keptFalse = Binomial.Sample(more, selectionKept, fp);
            (tp, fn, fp, tn) = (keptTrue, fn + tp - keptTrue, keptFalse, tn + fp - keptFalse);
        }

        var sessions = SessionRule.Sessions(inferences);
        var conversions = model.ConversionPercent is { } rate ? Conversions(latencies, rate, conversionFactor, more) : 0;
        var breaches = scenario.Deployment.Resources is { CpuMaxPercent: { } cpuMax } limits
            ? CpuBreaches(inferences, CpuUse.Share(profile.Unit, fleet.SpeedFactor[device], throttled, ThrottleSlowdown, explained ? _explanations.Energy : 1, cpuFactor), cpuMax, limits.CpuDuration)
            : 0;
        var counters = Downloaded(download);
        counters.Add(new TelemetryCounters
        {
            EnergyMillijoules = energy,
            PeakMemoryMb = peakMemory,
            BatteryDrainPercentPerHour = Math.Min(drain, 100),
            BatteryReadings = 1,
            ThermalEvents = throttled ? 1 : 0,
            ThermalReadings = 1,
            Crashes = crashRate <= 0 || inferences == 0 ? 0 : Binomial.Sample(rng, Math.Min(crashRate, 1), inferences),
            Outcomes = new(tp, fp, tn, fn),
            CloudFallbacks = fallbacks,
            NpuInferences = profile.Unit == "npu" ? inferences : 0,
            Sessions = sessions,
            Conversions = conversions,
            CpuLimitBreaches = breaches,
        });
        return new TelemetryReport
        {
            Sequence = sequence,
            At = now,
            Running = running,
            LatenciesMs = latencies,
            Counters = counters,
            Install = install,
            OutputHistogram = histogram,
        };
    }

    private static TelemetryCounters Downloaded(Download download) => new()
    {
        BytesDownloadedFull = download.FullBytes,
        BytesDownloadedDelta = download.DeltaBytes,
        ArtifactsRefused = download.Refused ? 1 : 0,
    };

    /// <summary>Each session converts with its own chance: the user waited for the sum of its answers' latencies.</summary>
    public static int Conversions(ReadOnlySpan<float> latencies, double ratePercent, double faultFactor, Random rng)
    {
        var conversions = 0;
        for (var session = 0; session < SessionRule.Sessions(latencies.Length); session++)
        {
            var start = session * SessionRule.InferencesPerSession;
            double waited = 0;
            foreach (var latency in latencies.Slice(start, SessionRule.SizeOf(session, latencies.Length)))
            {
                waited += latency;
            }

            conversions += rng.NextDouble() < SessionRule.ConversionProbability(ratePercent, waited, faultFactor) ? 1 : 0;
        }

        return conversions;
    }

    /// <summary>Sessions whose burst held more than the limit's share for longer than its window.</summary>
    public static int CpuBreaches(int inferences, double sharePercent, double maxPercent, TimeSpan window)
    {
        var breaches = 0;
        for (var session = 0; session < SessionRule.Sessions(inferences); session++)
        {
            breaches += CpuUse.Breaches(sharePercent, CpuUse.BurstLength(SessionRule.SizeOf(session, inferences)), maxPercent, window) ? 1 : 0;
        }

        return breaches;
    }

    private static ModelSlot[,] RunningSlots(Scenario scenario, VirtualFleet fleet)
    {
        var precisions = Enum.GetValues<Precision>();
        var slots = new ModelSlot[fleet.Versions.Count, precisions.Length];
        for (var version = 0; version < fleet.Versions.Count; version++)
        {
            foreach (var precision in precisions)
            {
                slots[version, (int)precision] = new ModelSlot(scenario.Deployment.ModelId, fleet.Versions[version], precision);
            }
        }

        return slots;
    }

    /// <summary>
    /// <see cref="Diurnal"/> as the fleet's usage cycle: a tick's report carries the volume of the
    /// instant it ends, so each UTC hour's weight is the mean, over its minutes, of the diurnal at the
    /// end of the tick each minute falls in (ticks counted from the scenario's start).
    /// </summary>
    public static UsageCycle Cycle(SimulationSpec simulation)
    {
        var day = new DateTimeOffset(simulation.Start.UtcDateTime.Date, TimeSpan.Zero);
        var ticks = simulation.Tick.Ticks;
        return UsageCycle.Of([.. Enumerable.Range(0, UsageCycle.Hours).Select(hour => Enumerable.Range(0, 60).Average(minute =>
        {
            var at = day.AddHours(hour).AddMinutes(minute + 0.5);
            var sinceStart = (at - simulation.Start).Ticks;
            var tickEnd = simulation.Start.AddTicks((long)Math.Ceiling(sinceStart / (double)ticks) * ticks);
            return Diurnal(tickEnd);
        }))]);
    }

    /// <summary>Phones are used more in the evening than at night: 35% of the daily peak at 08:00, 100% at 20:00.</summary>
    public static double Diurnal(DateTimeOffset at)
    {
        var hour = at.UtcDateTime.TimeOfDay.TotalHours;
        return 0.35 + (0.65 * (1 + Math.Cos(2 * Math.PI * (hour - 20) / 24)) / 2);
    }
}
