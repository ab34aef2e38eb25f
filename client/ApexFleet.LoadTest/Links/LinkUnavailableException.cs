namespace ApexFleet.LoadTest.Links;

/// <summary>The load test could not open a connection to its target; the message says which and why.</summary>
public sealed class LinkUnavailableException(string message) : Exception(message);
