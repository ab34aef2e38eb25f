namespace ApexFleet.LoadTest.Targets;

/// <summary>A load test's target or bounds are wrong; the message names the option and what it got.</summary>
public sealed class TargetException(string message) : Exception(message);
