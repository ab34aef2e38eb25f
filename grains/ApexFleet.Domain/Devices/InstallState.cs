namespace ApexFleet.Domain.Devices;

/// <summary>Where a device stands with the model it was told to run.</summary>
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
