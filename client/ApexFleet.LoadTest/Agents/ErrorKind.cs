namespace ApexFleet.LoadTest.Agents;

/// <summary>The kind a failed call is counted under: its HTTP status when it has one, else its exception type.</summary>
public static class ErrorKind
{
    public static string Of(Exception ex) => ex switch
    {
        HttpRequestException { StatusCode: { } status } => $"http:{(int)status}",
        HttpRequestException => "http:connection",
        TaskCanceledException => "timeout",
        _ => ex.GetType().Name,
    };
}
