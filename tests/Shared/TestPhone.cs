using ApexFleet.Abstractions.Devices;
using ApexFleet.Domain.Devices;
using ApexFleet.Domain.Telemetry;

namespace ApexFleet.Testing;

/// <summary>
/// A scripted phone for grain tests: reports what it runs, follows directives by installing the
/// desired model on its next report, and measures the latency the test says its model takes.
/// </summary>
internal sealed class TestPhone(IGrainFactory grains, string id, string chipset, ModelSlot installed)
{
    private long _sequence;
    private ModelSlot? _installing;

    /// <summary>The same phone (same sequence, same install in flight) talking to another cluster client.</summary>
    public TestPhone On(IGrainFactory other) =>
        new(other, Id, chipset, Installed) { _sequence = _sequence, _installing = _installing };

    public string Id { get; } = id;
    public ModelSlot Installed { get; private set; } = installed;
    public IDeviceGrain Grain => grains.GetGrain<IDeviceGrain>(Id);

    public Task EnrollAsync() => Grain.Enroll(new DeviceProfile(chipset, chipset, "mid", "android", "15", "eu", "7.4.0", "north"), Installed);

    public async Task<DeviceDirective> ReportAsync(Func<ModelSlot, float> latencyOf, int inferences = 5, TelemetryCounters counters = default)
    {
        InstallProgress? progress = null;
        if (_installing is not null)
        {
            Installed = _installing;
            progress = new InstallProgress(_installing, InstallState.Installed);
            _installing = null;
        }

        var latency = latencyOf(Installed);
        var directive = await Grain.Report(new TelemetryReport
        {
            Sequence = ++_sequence,
            At = DateTimeOffset.UnixEpoch,
            Running = Installed,
            LatenciesMs = Enumerable.Repeat(latency, inferences).ToArray(),
            Counters = counters,
            Install = progress,
        });
        if (directive.Desired is { } desired && desired != Installed)
        {
            _installing = desired;
        }

        return directive;
    }
}
