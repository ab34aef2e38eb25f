namespace ApexFleet.Domain.Registry;

/// <summary>Which artifact a new version's delta starts from: what devices most likely run when it arrives.</summary>
public static class DeltaBase
{
    /// <summary>
    /// The parent version's artifact of the same variant when the registry has it, else the latest
    /// other version of that variant (<paramref name="registered"/> in arrival order); null for a first version.
    /// </summary>
    public static T? For<T>(ArtifactManifest incoming, IReadOnlyList<T> registered, Func<T, ArtifactManifest> manifest)
        where T : class
    {
        T? latest = null;
        foreach (var candidate in registered)
        {
            var m = manifest(candidate);
            if (m.Variant != incoming.Variant || m.Version == incoming.Version)
            {
                continue;
            }

            if (m.Version == incoming.ParentVersion)
            {
                return candidate;
            }

            latest = candidate;
        }

        return latest;
    }
}
