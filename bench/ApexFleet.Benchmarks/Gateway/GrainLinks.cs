using System.Globalization;
using ApexFleet.Abstractions.Devices;
using ApexFleet.Agent.Link;
using ApexFleet.Benchmarks.Baseline;

namespace ApexFleet.Benchmarks.Gateway;

/// <summary>The device protocol straight on a cluster client's grain factory, as the Orleans device link sends it.</summary>
internal sealed class DeviceGrainLink(IGrainFactory grains) : IDeviceLink
{
    public string Peer => "orleans gateway";

    public async Task<DeviceDirective> EnrolAsync(string deviceId, DeviceProfile profile, ModelSlot? installed, CancellationToken cancellationToken = default)
    {
        var device = grains.GetGrain<IDeviceGrain>(deviceId);
        await device.Enroll(profile, installed);
        return await device.GetDirective();
    }

    public ValueTask<DeviceDirective> ReportAsync(string deviceId, TelemetryReport report, CancellationToken cancellationToken = default) =>
        grains.GetGrain<IDeviceGrain>(deviceId).Report(report);

    public Task<DeviceDirective> GetDirectiveAsync(string deviceId, CancellationToken cancellationToken = default) =>
        grains.GetGrain<IDeviceGrain>(deviceId).GetDirective();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>
/// The raw baseline in the load tester's own machinery: each virtual agent's "report" is one no-op
/// call to a grain of its own (keyed by the agent's number), answered with an accepted directive, so
/// agents, window, timing and histogram are the telemetry run's and only the call differs.
/// </summary>
internal sealed class NoOpGrainLink(IGrainFactory grains) : IDeviceLink
{
    private static readonly DeviceDirective Taken = new(null, false, 0, Accepted: true, null);

    /// <summary>Keys of the baseline's grains start here, clear of any other benchmark's.</summary>
    private const long FirstKey = 1L << 41;

    public string Peer => "orleans gateway (no-op grains)";

    public Task<DeviceDirective> EnrolAsync(string deviceId, DeviceProfile profile, ModelSlot? installed, CancellationToken cancellationToken = default) =>
        Task.FromResult(Taken);

    public async ValueTask<DeviceDirective> ReportAsync(string deviceId, TelemetryReport report, CancellationToken cancellationToken = default)
    {
        await grains.GetGrain<IBaselineGrain>(FirstKey + Number(deviceId)).Echo((int)report.Sequence);
        return Taken;
    }

    public Task<DeviceDirective> GetDirectiveAsync(string deviceId, CancellationToken cancellationToken = default) => Task.FromResult(Taken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static long Number(string deviceId) => long.Parse(deviceId.AsSpan(deviceId.Length - 6), NumberStyles.None, CultureInfo.InvariantCulture);
}
