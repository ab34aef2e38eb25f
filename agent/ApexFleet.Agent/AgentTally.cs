using ApexFleet.Abstractions.Devices;

namespace ApexFleet.Agent;

/// <summary>What the agent did, as it counts it: compared with the device grain's counters, nothing lost and nothing twice.</summary>
public sealed record AgentTally
{
    public string DeviceId { get; set; } = "";
    public ModelSlot? Running { get; set; }
    public string? RunningDigest { get; set; }
    /// <summary>Reports made (sequence numbers used).</summary>
    public long Reports { get; set; }
    /// <summary>Reports the fleet took: accepted, or answered as already taken when a resend crossed a lost answer.</summary>
    public long Acknowledged { get; set; }
    /// <summary>Of <see cref="Acknowledged"/>, those whose first answer was lost and whose resend was a duplicate.</summary>
    public long AcknowledgedAsResends { get; set; }
    /// <summary>Inferences in acknowledged reports.</summary>
    public long AcknowledgedInferences { get; set; }
    public long LastAcknowledgedSequence { get; set; }
    /// <summary>Sends, first ones and resends, counted per attempt.</summary>
    public long Sends { get; set; }
    /// <summary>Reports the fleet refused as invalid (dropped, with the reason logged).</summary>
    public long RefusedReports { get; set; }
    public long Unacknowledged { get; set; }
    public long Inferences { get; set; }
    public long Correct { get; set; }
    public long Crashes { get; set; }
    public long Installs { get; set; }
    public long Rollbacks { get; set; }
    public long InstallFailures { get; set; }
    public long ArtifactsRefused { get; set; }
    public long BytesFull { get; set; }
    public long BytesDelta { get; set; }
    public long Reconnects { get; set; }
    public double PeakMemoryMb { get; set; }
    public double? LatencyP50Ms { get; set; }
    public double? LatencyP99Ms { get; set; }
    public bool HasBattery { get; set; }
    public bool HasThermalZones { get; set; }
}
