using System.CommandLine;
using ApexFleet.Abstractions.Devices;
using ApexFleet.Cli.Output;

namespace ApexFleet.Cli.Commands;

public static class DeviceCommand
{
    public static Command Create()
    {
        var command = new Command("device", "Inspect devices on a running silo, and issue their credentials.");
        var id = new Argument<string>("id") { Description = "Device id, e.g. dev-0000042." };
        command.Subcommands.Add(ClusterCommand.Create(
            "show", "Show one device: profile, installed model and install state, resource usage, fairness and cost counters.",
            async (parse, client) => await client.GetGrain<IDeviceGrain>(parse.GetValue(id)!).GetSnapshot(),
            FleetTables.Device,
            id));
        command.Subcommands.Add(DeviceCredentialCommand.Create());
        return command;
    }
}
