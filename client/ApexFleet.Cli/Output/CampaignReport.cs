using ApexFleet.LoadTest.Campaigns;
using ApexFleet.LoadTest.Statistics;

namespace ApexFleet.Cli.Output;

/// <summary>A campaign's run: the load figures and, on the same clock, its phases, kills and the rollout's decisions.</summary>
public sealed record CampaignReport(string Campaign, string Source, DateTimeOffset StartedAt, LoadResult Load, IReadOnlyList<CampaignEvent> Events);
