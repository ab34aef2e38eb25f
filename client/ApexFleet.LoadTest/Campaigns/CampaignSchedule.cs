namespace ApexFleet.LoadTest.Campaigns;

/// <summary>When each phase starts and how many agents take part at any moment of a campaign.</summary>
public sealed class CampaignSchedule
{
    private readonly IReadOnlyList<CampaignPhase> _phases;
    private readonly TimeSpan[] _starts;
    private readonly int[] _before;

    public CampaignSchedule(IReadOnlyList<CampaignPhase> phases)
    {
        _phases = phases;
        _starts = new TimeSpan[phases.Count];
        _before = new int[phases.Count];
        var at = TimeSpan.Zero;
        var level = 0;
        for (var i = 0; i < phases.Count; i++)
        {
            _starts[i] = at;
            _before[i] = level;
            at += phases[i].Duration;
            // A spike returns to where it started; every other phase leaves its own level behind.
            level = phases[i].Kind == PhaseKind.Spike ? level : phases[i].Agents ?? level;
            MaxAgents = Math.Max(MaxAgents, phases[i].Agents ?? level);
        }

        Duration = at;
    }

    public TimeSpan Duration { get; }

    /// <summary>The most agents any moment of the campaign needs.</summary>
    public int MaxAgents { get; }

    public TimeSpan StartOf(int phase) => _starts[phase];

    /// <summary>The phase running at <paramref name="elapsed"/> (the last one after the end).</summary>
    public int PhaseAt(TimeSpan elapsed)
    {
        for (var i = _phases.Count - 1; i > 0; i--)
        {
            if (elapsed >= _starts[i])
            {
                return i;
            }
        }

        return 0;
    }

    /// <summary>How many agents take part at <paramref name="elapsed"/> since the campaign started.</summary>
    public int AgentsAt(TimeSpan elapsed)
    {
        var i = PhaseAt(elapsed);
        var phase = _phases[i];
        var before = _before[i];
        if (phase.Kind != PhaseKind.RampUp || phase.Agents is not { } target)
        {
            return phase.Agents ?? before;
        }

        var share = Math.Clamp((elapsed - _starts[i]) / phase.Duration, 0, 1);
        return (int)Math.Round(before + ((target - before) * share), MidpointRounding.AwayFromZero);
    }
}
