namespace ApexFleet.Simulator.Telemetry;

/// <summary>What a phone fetched in one tick: whole artifacts, deltas, and whether it refused what it got.</summary>
public readonly record struct Download(long FullBytes, long DeltaBytes, bool Refused)
{
    public static Download Full(long bytes) => new(bytes, 0, false);
}
