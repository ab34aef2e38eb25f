using ApexFleet.Abstractions.Devices;
using ApexFleet.Domain.Fleet;
using ApexFleet.Domain.Telemetry;
using ApexFleet.Simulator.Catalogue;
using ApexFleet.Simulator.Population;
using ApexFleet.Simulator.Scenarios;
using MathNet.Numerics.Distributions;

namespace ApexFleet.Simulator.Telemetry;

/// <summary>
/// What a virtual phone measures in one tick: how often the model ran (diurnal), how long each
/// inference took (log-normal around the chipset's median, slower when hot), energy, memory,
/// battery, crashes, and whether each prediction was right (per fairness group).
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

    /// <summary>Fills in a report's measurements for one device and one tick, drawing from <paramref name="rng"/>.</summary>
    public TelemetryReport Measure(int device, int tick, long sequence, SeededRandom rng, InstallProgress? install, long bytesDownloaded)
    {
        var elapsed = scenario.Simulation.Tick * tick;
        var now = scenario.Simulation.Start + elapsed;
        var version = fleet.InstalledVersion[device];
        var running = version == VirtualFleet.NoVersion ? null : _running[version, fleet.InstalledPrecision[device]];
        if (running is null)
        {
            return new TelemetryReport { Sequence = sequence, At = now, Install = install, Counters = new() { BytesDownloadedFull = bytesDownloaded } };
        }

        var chipset = _chipsets[fleet.Chipset[device]];
        var group = fleet.GroupNames[fleet.Group[device]];
        var precision = running.Precision;
        var model = _versions[version];
        var profile = chipset.For(precision);

        var latencyFactor = model.LatencyScale * fleet.SpeedFactor[device];
        var batteryFactor = 1.0;
        var crashRate = scenario.Simulation.CrashRatePerInference;
        var accuracyLoss = 0.0;
        var scoreShift = 0.0;
        foreach (var fault in scenario.Faults)
        {
            if (!fault.Applies(running.Version, chipset.Family, group, precision, elapsed))
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
            energy += chipset.EnergyMillijoules(precision, latency);
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
        return new TelemetryReport
        {
            Sequence = sequence,
            At = now,
            Running = running,
            LatenciesMs = latencies,
            Counters = new()
            {
                EnergyMillijoules = energy,
                PeakMemoryMb = profile.MemoryMb * (1 + 0.05 * Math.Abs(Normal.Sample(rng, 0, 1))),
                BatteryDrainPercentPerHour = Math.Min(drain, 100),
                ThermalEvents = throttled ? 1 : 0,
                Crashes = crashRate <= 0 || inferences == 0 ? 0 : Binomial.Sample(rng, Math.Min(crashRate, 1), inferences),
                Outcomes = new(tp, fp, tn, fn),
                BytesDownloadedFull = bytesDownloaded,
                CloudFallbacks = fallbacks,
                NpuInferences = profile.Unit == "npu" ? inferences : 0,
            },
            Install = install,
            OutputHistogram = histogram,
        };
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

    /// <summary>Phones are used more in the evening than at night: 35% of the daily peak at 08:00, 100% at 20:00.</summary>
    public static double Diurnal(DateTimeOffset at)
    {
        var hour = at.UtcDateTime.TimeOfDay.TotalHours;
        return 0.35 + (0.65 * (1 + Math.Cos(2 * Math.PI * (hour - 20) / 24)) / 2);
    }
}
