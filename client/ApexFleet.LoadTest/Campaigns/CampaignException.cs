namespace ApexFleet.LoadTest.Campaigns;

/// <summary>Something a campaign was told to do cannot be done (a pid file that names no silo); the message says what.</summary>
public sealed class CampaignException(string message) : Exception(message);
