using System.Net;
using ApexFleet.Abstractions.Devices;

namespace ApexFleet.Agent;

public enum Transport
{
    Orleans = 0,
    Http = 1,
}

/// <summary>Everything the agent was told on its command line, checked.</summary>
public sealed record AgentOptions
{
    public required string DeviceId { get; init; }
    public Transport Transport { get; init; }
    public required IPEndPoint Gateway { get; init; }
    public string ClusterId { get; init; } = "apexfleet";
    /// <summary>The silo's HTTP address: the registry's downloads, and the device endpoint with <see cref="Transport.Http"/>.</summary>
    public required Uri Url { get; init; }
    /// <summary>The model the agent ships with (its factory install) and the file holding its bytes.</summary>
    public required ModelSlot Factory { get; init; }
    public required string FactoryFile { get; init; }
    public required string TestSet { get; init; }
    public string? TrustedKeysFile { get; init; }
    /// <summary>This device's credential: the silo answers downloads and HTTP reports only to it.</summary>
    public required ApexFleet.Agent.Link.DeviceCredentialBook Credential { get; init; }
    public double InferencesPerSecond { get; init; } = 10;
    public TimeSpan ReportEvery { get; init; } = TimeSpan.FromSeconds(1);
    public TimeSpan? Duration { get; init; }
    public required string StateDirectory { get; init; }
    public string? StatusFile { get; init; }
    public string? SummaryJson { get; init; }
}
