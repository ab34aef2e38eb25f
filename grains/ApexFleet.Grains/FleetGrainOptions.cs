using ApexFleet.Domain.Devices;
using ApexFleet.Domain.Fleet;
using ApexFleet.Domain.Rollout;

namespace ApexFleet.Grains;

public sealed class FleetGrainOptions
{
    /// <summary>
    /// Whether activations write unsaved state while the silo shuts down. True for durable storage;
    /// false for in-memory storage, whose storage grains are shut down alongside and whose state
    /// dies with the process anyway.
    /// </summary>
    public bool SaveOnShutdown { get; set; } = true;

    /// <summary>
    /// Whether every accepted report is stored before it is answered (and an install reaches its
    /// cohort's storage before that), and every cohort delta before the silo that sent it hears it
    /// was applied: then a silo killed mid-flight loses no acknowledged report on any device, and a
    /// resend is never counted twice. True for durable storage; false for in-memory storage, which
    /// dies with the process anyway (see docs/RELIABILITY.md for what each mode can lose).
    /// </summary>
    public bool WriteThrough { get; set; }

    /// <summary>How devices are grouped into cohorts: fixed for a fleet, since cohorts hold history.</summary>
    public CohortKeyKind CohortKey { get; set; } = CohortKeyKind.ChipsetFamily;

    /// <summary>
    /// How long a rollout driven from outside (started without an evaluation interval: the simulator
    /// calls Evaluate with its own clock) may go without a word from its driver before the cluster
    /// judges it itself. Null: never (an embedded simulator, whose cluster dies with it).
    /// </summary>
    public TimeSpan? DriverGracePeriod { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often each silo wakes every unfinished rollout (after a restart, a lost silo, a deactivation).</summary>
    public TimeSpan KeeperInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How fast one device may report, on the silo's clock; null: as fast as it likes (a simulated fleet on its own clock).</summary>
    public ReportRate? DeviceReportRate { get; set; } = ReportRate.Default;
    /// <summary>What bytes and cloud calls cost: the prices every rollout's spend and forecast use.</summary>
    public Domain.FinOps.CostModel Cost { get; set; } = Domain.FinOps.CostModel.Default;

    /// <summary>The limit on an undecided gate for rollouts whose manifest and starter set none; null: wait without limit.</summary>
    public InconclusivePolicy? DefaultInconclusive { get; set; }

    public bool ShouldSave(DeactivationReason reason) =>
        SaveOnShutdown || reason.ReasonCode != DeactivationReasonCode.ShuttingDown;
}
