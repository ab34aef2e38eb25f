using ApexFleet.Domain.Registry;

namespace ApexFleet.Abstractions.Devices;

/// <summary>
/// The device grain's answer to a report: what the device should run next and, when the registry
/// holds that artifact, where to fetch it, its size, digest and signature (and a delta) to verify before installing.
/// </summary>
[GenerateSerializer, Immutable, Alias("apexfleet.device-directive")]
public sealed record DeviceDirective(
    [property: Id(0)] ModelSlot? Desired,
    [property: Id(1)] bool IsRollback,
    [property: Id(2)] double ArtifactMegabytes,
    [property: Id(3)] bool Accepted,
    [property: Id(4)] string? RejectionReason,
    [property: Id(5)] Domain.Devices.RejectionReason Rejection = Domain.Devices.RejectionReason.None,
    [property: Id(6)] ArtifactOffer? Artifact = null);
