namespace ApexFleet.Abstractions.Devices;

[GenerateSerializer, Alias("apexfleet.install-state")]
public enum InstallState
{
    None = 0,
    Pending = 1,
    Downloading = 2,
    Verifying = 3,
    Installed = 4,
    Failed = 5,
    RolledBack = 6,
}
