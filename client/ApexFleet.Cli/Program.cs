using System.CommandLine;
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
    BenchCommand.Create(),
    ParetoCommand.Create(),
    FairnessCommand.Create(),
};

return await root.Parse(args).InvokeAsync();
