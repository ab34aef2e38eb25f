using System.CommandLine;
using ApexFleet.Cli;
using ApexFleet.Cli.Commands;

// apexfleet: the fleet controller's and the fleet simulator's command line.
var root = new RootCommand("ApexFleet: roll AI models out to phone fleets, stage by stage, and try it on a simulated fleet first.")
{
    SimulateCommand.Create(),
    SiloCommand.Create(),
    RolloutCommand.Create(),
    DeviceCommand.Create(),
    CohortsCommand.Create(),
    DbCommand.Create(),
    ParetoCommand.Create(),
    FairnessCommand.Create(),
};

// A wrong option is bad input (exit code 2) like a wrong manifest, not a failed rollout (1).
var parsed = root.Parse(args);
var exitCode = await parsed.InvokeAsync();
return parsed.Errors.Count > 0 ? ExitCodes.BadInput : exitCode;
