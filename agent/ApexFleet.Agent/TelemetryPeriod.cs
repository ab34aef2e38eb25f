using ApexFleet.Abstractions.Devices;
using ApexFleet.Domain.Telemetry;

namespace ApexFleet.Agent;

/// <summary>
/// What the agent measured since its last report, for one model. A correctly classified digit counts
/// as a true positive and a wrong one as a false negative (the true digit was missed), so the fleet's
/// accuracy of these outcomes is the share of images classified right.
/// </summary>
public sealed class TelemetryPeriod(ModelSlot running, InstallProgress? install = null)
{
    private readonly List<float> _latencies = [];
    private TelemetryCounters _counters;

    public ModelSlot Running { get; } = running;

    public InstallProgress? Install { get; private set; } = install;

    public int Inferences => _latencies.Count;

    public void Inferred(double latencyMs, bool correct)
    {
        _latencies.Add((float)latencyMs);
        if (correct)
        {
            _counters[TelemetryCounter.TruePositives]++;
        }
        else
        {
            _counters[TelemetryCounter.FalseNegatives]++;
        }
    }

    /// <summary>An inference that threw: its time still counts, as the phone spent it.</summary>
    public void Crashed(double latencyMs)
    {
        _latencies.Add((float)latencyMs);
        _counters.Crashes++;
    }

    public void Downloaded(long fullBytes, long deltaBytes)
    {
        _counters.BytesDownloadedFull += fullBytes;
        _counters.BytesDownloadedDelta += deltaBytes;
    }

    public void Refused() => _counters.ArtifactsRefused++;

    public void InstallFailed(InstallProgress failure) => Install = failure;

    /// <summary>The period as a report; a drain or thermal count the host could not read is left out (null), never sent as 0.</summary>
    public TelemetryReport Close(long sequence, DateTimeOffset at, double peakMemoryMb, double? batteryDrainPercentPerHour, int? thermalEvents)
    {
        var counters = _counters;
        counters.PeakMemoryMb = peakMemoryMb;
        counters.BatteryDrainPercentPerHour = batteryDrainPercentPerHour ?? 0;
        counters.BatteryReadings = batteryDrainPercentPerHour is null ? 0 : 1;
        counters.ThermalEvents = thermalEvents ?? 0;
        counters.ThermalReadings = thermalEvents is null ? 0 : 1;
        return new TelemetryReport
        {
            Sequence = sequence,
            At = at,
            Running = Running,
            LatenciesMs = [.. _latencies],
            Counters = counters,
            Install = Install,
        };
    }
}
