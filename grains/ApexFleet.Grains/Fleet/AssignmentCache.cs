using ApexFleet.Abstractions.Fleet;
using ApexFleet.Domain.Rollout;

namespace ApexFleet.Grains.Fleet;

/// <summary>
/// This silo's copy of every active rollout's assignment, by model id. Device grains read it on
/// every report to decide what their device should run, without a grain call.
/// </summary>
public sealed class AssignmentCache
{
    private readonly Lock _gate = new();
    private Dictionary<string, RolloutAssignment> _byModel = new(StringComparer.Ordinal);

    public long Version { get; private set; } = -1;

    public RolloutAssignment? For(string modelId) =>
        Volatile.Read(ref _byModel).GetValueOrDefault(modelId);

    /// <summary>Takes a newer assignment for one model (from a deployment on this silo).</summary>
    public void Upsert(RolloutAssignment assignment)
    {
        lock (_gate)
        {
            var current = _byModel.GetValueOrDefault(assignment.ModelId);
            if (current is not null && current.DeploymentId == assignment.DeploymentId && current.Epoch >= assignment.Epoch)
            {
                return;
            }

            var copy = new Dictionary<string, RolloutAssignment>(_byModel, StringComparer.Ordinal) { [assignment.ModelId] = assignment };
            Volatile.Write(ref _byModel, copy);
        }
    }

    /// <summary>Takes the directory's table; per model, the newer epoch of the same deployment wins.</summary>
    public void Apply(AssignmentTable table)
    {
        lock (_gate)
        {
            if (table.Version == Version)
            {
                return;
            }

            foreach (var assignment in table.ByModel.Values)
            {
                Upsert(assignment);
            }

            Version = table.Version;
        }
    }
}
