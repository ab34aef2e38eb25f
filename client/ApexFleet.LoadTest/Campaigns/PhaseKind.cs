namespace ApexFleet.LoadTest.Campaigns;

/// <summary>What a campaign phase does to the number of agents (and to the cluster).</summary>
public enum PhaseKind
{
    /// <summary>From the level before to <c>agents</c>, linearly over the phase.</summary>
    RampUp = 0,
    /// <summary>Holds <c>agents</c> (or the level before) for the phase.</summary>
    Steady = 1,
    /// <summary><c>agents</c> at once for the phase, then back to the level before it.</summary>
    Spike = 2,
    /// <summary>Kills the silo process its pid file names when it starts, and holds the level.</summary>
    SiloKill = 3,
}
