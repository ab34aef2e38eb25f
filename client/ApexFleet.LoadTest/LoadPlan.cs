using ApexFleet.LoadTest.Agents;

namespace ApexFleet.LoadTest;

/// <summary>
/// What a load test sends: <see cref="Agents"/> virtual agents for <see cref="Duration"/>, each
/// reporting once per <see cref="ReportInterval"/> (zero: as fast as answers come back), at most
/// <see cref="InFlightPerConnection"/> reports waiting per connection.
/// </summary>
public sealed record LoadPlan(int Agents, TimeSpan Duration, TimeSpan ReportInterval, int InFlightPerConnection, AgentMix Mix, string DevicePrefix, string ModelId, string Version)
{
    /// <summary>The id of the plan's agent number <paramref name="index"/>.</summary>
    public string DeviceId(int index) => $"{DevicePrefix}{index:D6}";

    /// <summary>A problem with the bounds, or null.</summary>
    public string? Problem() =>
        Agents is < 1 or > LoadLimits.MaxAgents ? $"--agents must be from 1 to {LoadLimits.MaxAgents:N0} (got {Agents})"
        : Duration <= TimeSpan.Zero || Duration > LoadLimits.MaxDuration ? $"--duration must be more than 0 and at most {LoadLimits.MaxDuration.TotalMinutes:0} minutes (got {Duration})"
        : ReportInterval < TimeSpan.Zero ? $"--interval must not be negative (got {ReportInterval})"
        : InFlightPerConnection is < 1 or > LoadLimits.MaxInFlight ? $"--in-flight must be from 1 to {LoadLimits.MaxInFlight:N0} (got {InFlightPerConnection})"
        : null;
}
