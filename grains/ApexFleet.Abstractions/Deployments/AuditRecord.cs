namespace ApexFleet.Abstractions.Deployments;

/// <summary>One decision of a rollout: when, at which stage, what, by whom, and why.</summary>
[GenerateSerializer, Immutable, Alias("apexfleet.audit-record")]
public sealed record AuditRecord(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] int StageIndex,
    [property: Id(2)] string Stage,
    [property: Id(3)] string Decision,
    [property: Id(4)] string Actor,
    [property: Id(5)] string Reason,
    [property: Id(6)] IReadOnlyList<GateOutcome> Gates,
    [property: Id(7)] IReadOnlyList<string> CohortsRolledBack,
    [property: Id(8)] IReadOnlyList<string>? CohortsAdvanced = null);
