using ApexFleet.Domain.Fleet;
using ApexFleet.Domain.Rollout;

namespace ApexFleet.Abstractions.Cohorts;

[GenerateSerializer, Alias("apexfleet.cohort-tally")]
public struct CohortTallySurrogate
{
    [Id(0)] public long DevicesJoined;
    [Id(2)] public Dictionary<string, long> Installed;
    /// <summary>The evidence as three parallel arrays: deployment, variant key, metrics.</summary>
    [Id(3)] public string[] EvidenceDeployments;
    [Id(4)] public string[] EvidenceVariants;
    [Id(5)] public VariantMetrics[] EvidenceMetrics;
}

[RegisterConverter]
public sealed class CohortTallySurrogateConverter : IConverter<CohortTally, CohortTallySurrogate>
{
    public CohortTally ConvertFromSurrogate(in CohortTallySurrogate surrogate)
    {
        var tally = new CohortTally { DevicesJoined = surrogate.DevicesJoined, Installed = new(surrogate.Installed ?? [], StringComparer.Ordinal) };
        var deployments = surrogate.EvidenceDeployments ?? [];
        for (var i = 0; i < deployments.Length; i++)
        {
            tally.Evidence[new EvidenceKey(deployments[i], surrogate.EvidenceVariants[i])] = surrogate.EvidenceMetrics[i];
        }

        return tally;
    }

    public CohortTallySurrogate ConvertToSurrogate(in CohortTally value) => new()
    {
        DevicesJoined = value.DevicesJoined,
        Installed = value.Installed,
        EvidenceDeployments = [.. value.Evidence.Keys.Select(k => k.Deployment)],
        EvidenceVariants = [.. value.Evidence.Keys.Select(k => k.Variant)],
        EvidenceMetrics = [.. value.Evidence.Values],
    };
}
