namespace ApexFleet.Agent.Link;

/// <summary>The fleet could not be reached or did not answer: the call may or may not have arrived, so send it again later.</summary>
public sealed class DeviceLinkDownException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The fleet read the call and refused it as unreadable (HTTP 400, 413): sending it again will not help.</summary>
public sealed class DeviceLinkRefusedException(string message) : Exception(message);
