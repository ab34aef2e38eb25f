using ApexFleet.Domain.Registry;

namespace ApexFleet.Grains.Registry;

public sealed class RegistryOptions
{
    /// <summary>The public keys pushes must be signed with; none: every push is refused.</summary>
    public TrustedKeys TrustedKeys { get; set; } = TrustedKeys.None;

    /// <summary>The silo's data directory; artifacts live under <c>artifacts/sha256/</c> in it.</summary>
    public string DataDirectory { get; set; } = Path.Combine(Path.GetTempPath(), "apexfleet-data");

    /// <summary>How long a silo remembers that the registry has no artifact for a model version, before asking again.</summary>
    public TimeSpan MissingArtifactRecheck { get; set; } = TimeSpan.FromSeconds(30);
}
