using ApexFleet.Abstractions.Fleet;

namespace ApexFleet.Grains.Fleet;

public sealed class FleetDirectoryState
{
    public SortedSet<string> Cohorts { get; set; } = new(StringComparer.Ordinal);
    public SortedSet<string> Deployments { get; set; } = new(StringComparer.Ordinal);
    public Dictionary<string, RolloutAssignmentSurrogate> Assignments { get; set; } = new(StringComparer.Ordinal);
    public long Version { get; set; }
}
