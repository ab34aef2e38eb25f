using System.CommandLine;
using ApexFleet.Domain.Rollout;

namespace ApexFleet.Cli.Commands;

/// <summary>
/// The options that tell a manifest about the fleet it will run on: its size and model use (which
/// size the default progression's bake windows) and the version it runs now (the previous version of
/// an OnDeviceModelDeployment that names none).
/// </summary>
public static class FleetContextOptions
{
    public static Func<ParseResult, FleetContext> AddTo(Command command)
    {
        var fleetSize = new Option<long>("--fleet-size")
        {
            Description = "Devices in the fleet: sizes the bake windows of the stages an OnDeviceModelDeployment leaves to the default progression.",
            HelpName = "N",
            DefaultValueFactory = _ => FleetContext.Default.Devices,
        }.Within(1L, 1_000_000_000L);
        var inferences = new Option<double>("--inferences-per-hour")
        {
            Description = "How often a device runs the model, per hour: sizes bake windows with --fleet-size.",
            HelpName = "RATE",
            DefaultValueFactory = _ => FleetContext.Default.InferencesPerDevicePerHour,
        }.Within(0.001, 1_000_000);
        var running = new Option<string?>("--running-version")
        {
            Description = "The version of the model the fleet runs now: the previous version of an OnDeviceModelDeployment without the apexfleet.io/previous-version annotation.",
            HelpName = "VERSION",
        };
        command.Options.Add(fleetSize);
        command.Options.Add(inferences);
        command.Options.Add(running);
        return parse => new FleetContext(parse.GetValue(fleetSize), parse.GetValue(inferences), parse.GetValue(running));
    }
}
