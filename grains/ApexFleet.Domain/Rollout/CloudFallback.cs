namespace ApexFleet.Domain.Rollout;

/// <summary>
/// The cloud function the app calls when its on-device model cannot answer (too slow, or the device
/// is not targeted), and the memory it asks for: what admission rules and cost look at.
/// </summary>
public sealed record CloudFallback(string Function, long MemoryMB);
