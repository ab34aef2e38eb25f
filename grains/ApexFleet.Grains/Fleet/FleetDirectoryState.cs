using ApexFleet.Abstractions.Fleet;

namespace ApexFleet.Grains.Fleet;

[GenerateSerializer, Alias("apexfleet.directory-state")]
public sealed class FleetDirectoryState
{
    [Id(0)] public SortedSet<string> Cohorts { get; set; } = new(StringComparer.Ordinal);
    [Id(1)] public SortedSet<string> Deployments { get; set; } = new(StringComparer.Ordinal);
    [Id(2)] public Dictionary<string, RolloutAssignmentSurrogate> Assignments { get; set; } = new(StringComparer.Ordinal);
    [Id(3)] public long Version { get; set; }
    /// <summary>Which deployment holds each model (at most one unfinished rollout per model).</summary>
    [Id(4)] public Dictionary<string, string> Holders { get; set; } = new(StringComparer.Ordinal);
}
