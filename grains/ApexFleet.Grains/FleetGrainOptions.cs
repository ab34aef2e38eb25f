using ApexFleet.Domain.Fleet;

namespace ApexFleet.Grains;

public sealed class FleetGrainOptions
{
    /// <summary>
    /// Whether activations write unsaved state while the silo shuts down. True for durable storage;
    /// false for in-memory storage, whose storage grains are shut down alongside and whose state
    /// dies with the process anyway.
    /// </summary>
    public bool SaveOnShutdown { get; set; } = true;

    /// <summary>How devices are grouped into cohorts: fixed for a fleet, since cohorts hold history.</summary>
    public CohortKeyKind CohortKey { get; set; } = CohortKeyKind.ChipsetFamily;

    public bool ShouldSave(DeactivationReason reason) =>
        SaveOnShutdown || reason.ReasonCode != DeactivationReasonCode.ShuttingDown;
}
