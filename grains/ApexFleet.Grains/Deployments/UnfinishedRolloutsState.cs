namespace ApexFleet.Grains.Deployments;

[GenerateSerializer, Alias("apexfleet.unfinished-rollouts-state")]
public sealed class UnfinishedRolloutsState
{
    [Id(0)] public SortedSet<string> Ids { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Whether the fleet directory's deployments were taken in once (rollouts started before this list existed).</summary>
    [Id(1)] public bool Seeded { get; set; }
}
