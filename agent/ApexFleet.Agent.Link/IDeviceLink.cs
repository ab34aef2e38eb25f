using ApexFleet.Abstractions.Devices;

namespace ApexFleet.Agent.Link;

/// <summary>
/// One connection to the fleet that any number of devices speak through: the device grain's protocol
/// whatever carries it. A rejected report is an answer (its <see cref="DeviceDirective.Rejection"/>
/// says why), a lost connection is a <see cref="DeviceLinkDownException"/>, and input the fleet cannot
/// read at all is a <see cref="DeviceLinkRefusedException"/>.
/// </summary>
public interface IDeviceLink : IAsyncDisposable
{
    /// <summary>What the link talks to, for messages ("orleans gateway 127.0.0.1:30000").</summary>
    string Peer { get; }

    /// <summary>Enrols the device (idempotent) and answers with what it should run.</summary>
    Task<DeviceDirective> EnrolAsync(string deviceId, DeviceProfile profile, ModelSlot? installed, CancellationToken cancellationToken = default);

    ValueTask<DeviceDirective> ReportAsync(string deviceId, TelemetryReport report, CancellationToken cancellationToken = default);

    Task<DeviceDirective> GetDirectiveAsync(string deviceId, CancellationToken cancellationToken = default);
}
