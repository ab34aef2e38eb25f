namespace ApexFleet.LoadTest.Campaigns;

/// <summary>Something that happened during a campaign, seconds after it started: a phase began, a silo was killed, a rollout decided.</summary>
public sealed record CampaignEvent(double AtSeconds, CampaignEventKind Kind, string What, string Detail = "");

public enum CampaignEventKind
{
    PhaseStarted = 0,
    SiloKilled = 1,
    RolloutStarted = 2,
    RolloutDecision = 3,
    Problem = 4,
}
