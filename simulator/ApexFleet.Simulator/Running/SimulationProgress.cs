using ApexFleet.Abstractions.Deployments;

namespace ApexFleet.Simulator.Running;

public enum SimulationPhase
{
    Enrolling = 0,
    RollingOut = 1,
}

/// <summary>Where a running simulation is, for progress bars and log lines.</summary>
public sealed record SimulationProgress(
    SimulationPhase Phase,
    int Done,
    int Total,
    DateTimeOffset SimulatedTime,
    RolloutStatus? Status,
    long ReportsSent,
    TimeSpan Wall);
