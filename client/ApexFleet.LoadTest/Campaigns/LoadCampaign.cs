using ApexFleet.LoadTest.Agents;

namespace ApexFleet.LoadTest.Campaigns;

/// <summary>
/// A load campaign (<c>kind: LoadCampaign</c>): where to send, which agents, the phases one after
/// another, and optionally a rollout started when a phase begins.
/// </summary>
public sealed record LoadCampaign(
    string Name,
    string Source,
    CampaignTarget Target,
    AgentMix Mix,
    TimeSpan ReportInterval,
    bool Inference,
    IReadOnlyList<CampaignPhase> Phases,
    CampaignRollout? Rollout)
{
    public CampaignSchedule Schedule { get; } = new(Phases);
}

/// <summary>Where a campaign sends: transport, loopback gateway or URL, cluster id, connections.</summary>
public sealed record CampaignTarget(string Transport, string Gateway, string Url, string ClusterId, int Connections);

/// <summary>A deployment manifest (a path as written, and resolved next to the campaign file) started when <see cref="AtPhase"/> begins.</summary>
public sealed record CampaignRollout(string Manifest, string ManifestPath, string AtPhase);
