namespace ApexFleet.Grains.Devices;

[GenerateSerializer, Alias("apexfleet.device-credential-state")]
public sealed class DeviceCredentialState
{
    /// <summary>SHA-256 of the device's secret; the secret itself is never stored.</summary>
    [Id(0)] public byte[]? Hash { get; set; }
    [Id(1)] public DateTimeOffset IssuedAt { get; set; }
}
