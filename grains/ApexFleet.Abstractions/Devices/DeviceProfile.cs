using ApexFleet.Domain.Rollout;

namespace ApexFleet.Abstractions.Devices;

/// <summary>
/// What a device is. <see cref="FairnessGroup"/> is a coarse label (a region or language bucket),
/// never raw personal data.
/// </summary>
[GenerateSerializer, Immutable, Alias("apexfleet.device-profile")]
public sealed record DeviceProfile(
    [property: Id(0)] string ChipsetFamily,
    [property: Id(1)] string ChipsetModel,
    [property: Id(2)] string Tier,
    [property: Id(3)] string Os,
    [property: Id(4)] string OsVersion,
    [property: Id(5)] string Region,
    [property: Id(6)] string AppVersion,
    [property: Id(7)] string FairnessGroup,
    [property: Id(8)] string Abi = "",
    [property: Id(9)] int SdkLevel = 0)
{
    /// <summary>What targeting looks at; an unknown OS counts as Android (the larger platform), which no iOS-only manifest reaches.</summary>
    public DeviceTraits Traits => new(
        string.Equals(Os, "ios", StringComparison.OrdinalIgnoreCase) ? DevicePlatform.Ios : DevicePlatform.Android, OsVersion, SdkLevel, Abi);
}
