using System.Text.Json;
using ApexFleet.Abstractions.Json;

namespace ApexFleet.Cli.Output;

/// <summary>
/// Another name for <see cref="FleetJson.Options"/> (the bench commands use it): the same contract as
/// the HTTP API, not a second one.
/// </summary>
public static class ReportJson
{
    public static JsonSerializerOptions Options => FleetJson.Options;
}
