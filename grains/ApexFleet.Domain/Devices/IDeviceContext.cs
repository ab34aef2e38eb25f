using ApexFleet.Domain.Rollout;

namespace ApexFleet.Domain.Devices;

/// <summary>What a device needs from where it lives: its id (asked only when needed) and the active rollout of a model.</summary>
public interface IDeviceContext
{
    string DeviceId { get; }

    /// <summary>What targeting looks at (asked once per rollout stage, not per report).</summary>
    DeviceTraits Traits { get; }

    RolloutAssignment? AssignmentFor(string modelId);
}
