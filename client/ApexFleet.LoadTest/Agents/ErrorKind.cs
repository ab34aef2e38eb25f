using ApexFleet.Agent.Link;

namespace ApexFleet.LoadTest.Agents;

/// <summary>
/// The kind a failed call is counted under: a lost link by what lost it (its exception type, or
/// HTTP status), a call the fleet could not read as refused, anything else by its exception type.
/// </summary>
public static class ErrorKind
{
    public static string Of(Exception ex) => ex switch
    {
        DeviceLinkDownException { InnerException: { } inner } => $"down:{Of(inner)}",
        DeviceLinkDownException => "down",
        DeviceLinkRefusedException => "refused",
        HttpRequestException { StatusCode: { } status } => $"http:{(int)status}",
        HttpRequestException => "http:connection",
        TaskCanceledException => "timeout",
        _ => ex.GetType().Name,
    };
}
