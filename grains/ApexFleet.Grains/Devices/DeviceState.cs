using ApexFleet.Abstractions.Devices;
using ApexFleet.Domain.Devices;
using ApexFleet.Domain.Privacy;
using ApexFleet.Domain.Statistics;
using ApexFleet.Domain.Telemetry;

namespace ApexFleet.Grains.Devices;

/// <summary>What a device grain persists: what the phone is, and its own record.</summary>
[GenerateSerializer, Alias("apexfleet.device-state")]
public sealed class DeviceState
{
    [Id(0)] public DeviceProfile? Profile { get; set; }
    [Id(1)] public Device Device { get; set; } = new();
}

/// <summary>The stored form of a <see cref="Device"/>; strings read back are shared per silo.</summary>
[GenerateSerializer, Alias("apexfleet.device-record")]
public struct DeviceSurrogate
{
    [Id(0)] public string? Cohort;
    [Id(1)] public string FairnessGroup;
    [Id(2)] public ModelSlot? Installed;
    [Id(3)] public ModelSlot? Previous;
    [Id(4)] public ModelSlot? Installing;
    [Id(5)] public bool InstallingIsRollback;
    [Id(6)] public InstallState InstallState;
    [Id(7)] public string? InstallReason;
    [Id(8)] public string? DirectedBy;
    [Id(9)] public long LastSequence;
    [Id(10)] public long RejectedReports;
    [Id(11)] public string? LastRejection;
    [Id(12)] public TelemetryCounters Counters;
    [Id(13)] public CoarseQuantileSketch Latency;
    [Id(14)] public string? MarkedDeployment;
    [Id(15)] public DeviceMark Marks;
    [Id(16)] public int PrivacyDay;
    [Id(17)] public int PrivacyReleases;
    /// <summary>The sequence numbers taken just below <see cref="LastSequence"/> (bit i: LastSequence − i); 0 in a record older than the window.</summary>
    [Id(18)] public ulong SequencesTaken;
    /// <summary>The newest assignment the device was directed by (null and 0 in an older record: it follows whatever comes).</summary>
    [Id(19)] public string? FollowedDeployment;
    [Id(20)] public long FollowedEpoch;
    /// <summary>The model the phone's run counts (null in an older record: it starts over) and its fall-backs and inferences on it.</summary>
    [Id(21)] public ModelSlot? RunModel;
    [Id(22)] public long RunFallbacks;
    [Id(23)] public long RunInferences;
}

[RegisterConverter]
public sealed class DeviceSurrogateConverter : IConverter<Device, DeviceSurrogate>
{
    public Device ConvertFromSurrogate(in DeviceSurrogate surrogate)
    {
        var device = new Device
        {
            Cohort = Share(surrogate.Cohort),
            FairnessGroup = SharedValues.Share(surrogate.FairnessGroup ?? ""),
            Installed = SharedValues.Share(surrogate.Installed?.ToRef()),
            Previous = SharedValues.Share(surrogate.Previous?.ToRef()),
            Installing = SharedValues.Share(surrogate.Installing?.ToRef()),
            InstallingIsRollback = surrogate.InstallingIsRollback,
            InstallState = surrogate.InstallState,
            InstallReason = Share(surrogate.InstallReason),
            DirectedBy = Share(surrogate.DirectedBy),
            RejectedReports = surrogate.RejectedReports,
            LastRejection = surrogate.LastRejection,
            Latency = surrogate.Latency ?? new(),
        };
        device.Counters = surrogate.Counters;
        device.Sequences = SequenceWindow.Restored(surrogate.LastSequence, surrogate.SequencesTaken);
        device.Marks = new RolloutMarks { Deployment = Share(surrogate.MarkedDeployment), Marks = surrogate.Marks };
        device.Privacy = new PrivacyLedger { Day = surrogate.PrivacyDay, Releases = surrogate.PrivacyReleases };
        device.Followed = new FollowedAssignment(Share(surrogate.FollowedDeployment), surrogate.FollowedEpoch);
        device.Run = new ModelRun { Model = SharedValues.Share(surrogate.RunModel?.ToRef()), Fallbacks = surrogate.RunFallbacks, Inferences = surrogate.RunInferences };
        return device;
    }

    public DeviceSurrogate ConvertToSurrogate(in Device value) => new()
    {
        Cohort = value.Cohort,
        FairnessGroup = value.FairnessGroup,
        Installed = ModelSlot.From(value.Installed),
        Previous = ModelSlot.From(value.Previous),
        Installing = ModelSlot.From(value.Installing),
        InstallingIsRollback = value.InstallingIsRollback,
        InstallState = value.InstallState,
        InstallReason = value.InstallReason,
        DirectedBy = value.DirectedBy,
        LastSequence = value.LastSequence,
        SequencesTaken = value.Sequences.Taken,
        RejectedReports = value.RejectedReports,
        LastRejection = value.LastRejection,
        Counters = value.Counters,
        Latency = value.Latency,
        MarkedDeployment = value.Marks.Deployment,
        Marks = value.Marks.Marks,
        PrivacyDay = value.Privacy.Day,
        PrivacyReleases = value.Privacy.Releases,
        FollowedDeployment = value.Followed.Deployment,
        FollowedEpoch = value.Followed.Epoch,
        RunModel = ModelSlot.From(value.Run.Model),
        RunFallbacks = value.Run.Fallbacks,
        RunInferences = value.Run.Inferences,
    };

    private static string? Share(string? value) => value is null ? null : SharedValues.Share(value);
}
