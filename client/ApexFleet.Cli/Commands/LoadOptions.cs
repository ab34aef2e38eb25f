namespace ApexFleet.Cli.Commands;

/// <summary>A load test's command line, read and checked.</summary>
public sealed record LoadOptions(
    int Agents, TimeSpan Duration, TimeSpan Interval, string Transport, string? Gateway, string? Url, int Connections, int InFlight, string ClusterId, bool Inference, string DevicePrefix, string? Token);
