using ApexFleet.Domain.Devices;
using ApexFleet.Domain.Telemetry;

namespace ApexFleet.Abstractions.Devices;

/// <summary>Everything a person may want to see about one device.</summary>
[GenerateSerializer, Immutable, Alias("apexfleet.device-snapshot")]
public sealed record DeviceSnapshot
{
    [Id(0)] public required string DeviceId { get; init; }
    [Id(1)] public DeviceProfile? Profile { get; init; }
    [Id(2)] public string? Cohort { get; init; }
    [Id(3)] public ModelSlot? Installed { get; init; }
    [Id(4)] public ModelSlot? Previous { get; init; }
    [Id(5)] public InstallState InstallState { get; init; }
    [Id(6)] public string? InstallReason { get; init; }
    [Id(7)] public long LastSequence { get; init; }
    [Id(9)] public long RejectedReports { get; init; }
    [Id(10)] public string? LastRejection { get; init; }
    [Id(12)] public double LatencyP50Ms { get; init; }
    [Id(13)] public double LatencyP95Ms { get; init; }
    [Id(14)] public double LatencyP99Ms { get; init; }
    /// <summary>Everything the device counted since it enrolled.</summary>
    [Id(27)] public TelemetryCounters Counters { get; init; }
    /// <summary>The ratio metrics of <see cref="TelemetryCounters.Ratios"/> for this device alone (absent without samples).</summary>
    [Id(28)] public IReadOnlyDictionary<string, double> Rates { get; init; } = new Dictionary<string, double>();

    public static DeviceSnapshot Of(string deviceId, DeviceProfile? profile, Device device)
    {
        var counters = device.Counters;
        return new DeviceSnapshot
        {
            DeviceId = deviceId,
            Profile = profile,
            Cohort = device.Cohort,
            Installed = ModelSlot.From(device.Installed),
            Previous = ModelSlot.From(device.Previous),
            InstallState = device.InstallState,
            InstallReason = device.InstallReasonText,
            LastSequence = device.LastSequence,
            RejectedReports = device.RejectedReports,
            LastRejection = device.LastRejection,
            LatencyP50Ms = device.Latency.IsEmpty ? 0 : device.Latency.Quantile(0.50),
            LatencyP95Ms = device.Latency.IsEmpty ? 0 : device.Latency.Quantile(0.95),
            LatencyP99Ms = device.Latency.IsEmpty ? 0 : device.Latency.Quantile(0.99),
            Counters = counters,
            Rates = TelemetryCounters.Ratios
                .Select(r => (r.Metric, Ratio: counters.Ratio(r)))
                .Where(r => r.Ratio.Samples > 0)
                .ToDictionary(r => r.Metric, r => r.Ratio.Value),
        };
    }
}
