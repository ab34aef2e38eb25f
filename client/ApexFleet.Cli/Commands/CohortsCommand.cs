using System.CommandLine;
using ApexFleet.Abstractions.Cohorts;
using ApexFleet.Abstractions.Fleet;
using ApexFleet.Cli.Output;

namespace ApexFleet.Cli.Commands;

public static class CohortsCommand
{
    public static Command Create() => ClusterCommand.Create(
        "cohorts", "Show every cohort of a running silo with its per-variant statistics.",
        async (_, client) =>
        {
            var names = await client.GetGrain<IFleetDirectoryGrain>(0).GetCohorts();
            return await Task.WhenAll(names.Select(n => client.GetGrain<ICohortGrain>(n).GetSnapshot()));
        },
        FleetTables.Cohorts);
}
