using System.CommandLine;
using ApexFleet.Domain.Rollout;

namespace ApexFleet.Cli.Commands;

/// <summary>
/// The options that tell a manifest about the fleet it will run on: its size and model use (which
/// size the default progression's bake windows) and the version it runs now (the previous version of
/// an OnDeviceModelDeployment that names none), and how its use rises and falls over the day.
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
        var usage = new Option<UsageCycle?>("--usage-cycle")
        {
            Description = "How use rises and falls over the day: 24 comma-separated weights, 00:00 UTC first, each hour's use relative to --inferences-per-hour (from your analytics). The cost forecast carries a canary's volume through the day by it. Default: flat.",
            HelpName = "W00,W01,...,W23",
            CustomParser = result =>
            {
                try
                {
                    return UsageCycle.Parse(result.Tokens.Count > 0 ? result.Tokens[^1].Value : "");
                }
                catch (FormatException ex)
                {
                    result.AddError($"--usage-cycle: {ex.Message}");
                    return null;
                }
            },
        };
        command.Options.Add(fleetSize);
        command.Options.Add(inferences);
        command.Options.Add(running);
        command.Options.Add(usage);
        return parse => new FleetContext(parse.GetValue(fleetSize), parse.GetValue(inferences), parse.GetValue(running), parse.GetValue(usage));
    }
}
