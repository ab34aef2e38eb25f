using ApexFleet.Domain.Fleet;
using ApexFleet.Domain.Rollout;

namespace ApexFleet.Abstractions.Cohorts;

[GenerateSerializer, Alias("apexfleet.cohort-tally")]
public struct CohortTallySurrogate
{
    [Id(0)] public long DevicesJoined;
    [Id(1)] public Dictionary<string, VariantMetrics> Variants;
}

[RegisterConverter]
public sealed class CohortTallySurrogateConverter : IConverter<CohortTally, CohortTallySurrogate>
{
    public CohortTally ConvertFromSurrogate(in CohortTallySurrogate surrogate) =>
        new() { DevicesJoined = surrogate.DevicesJoined, Variants = new(surrogate.Variants ?? [], StringComparer.Ordinal) };

    public CohortTallySurrogate ConvertToSurrogate(in CohortTally value) =>
        new() { DevicesJoined = value.DevicesJoined, Variants = value.Variants };
}
