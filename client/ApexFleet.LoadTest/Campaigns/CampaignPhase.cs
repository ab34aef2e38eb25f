namespace ApexFleet.LoadTest.Campaigns;

/// <summary>One phase of a campaign; <see cref="Agents"/> is null where the phase keeps the level before it.</summary>
public sealed record CampaignPhase(string Name, PhaseKind Kind, TimeSpan Duration, int? Agents, string? PidFile = null);
