using System.CommandLine;
using ApexFleet.Abstractions.Cost;
using ApexFleet.Cli.Output;
using ApexFleet.Domain.FinOps;

namespace ApexFleet.Cli.Commands;

/// <summary>Showback: what every rollout of a running silo spent, grouped by a label, with each rollout's forecast and budget.</summary>
public static class CostCommand
{
    public static Command Create()
    {
        var by = new Option<string>("--by")
        {
            Description = "Group by team, cost-center, namespace, model, cohort or variant.",
            DefaultValueFactory = _ => "model",
        };
        by.AcceptOnlyFromAmong([.. CostAttribution.ByName.Keys]);
        var command = ClusterCommand.Create(
            "cost",
            "Show what each rollout spent (CDN egress, cloud fall-backs, the users' energy), grouped, with its forecast and budget.",
            (parse, client) => CostShowback.GatherAsync(client, CostAttribution.ByName[parse.GetValue(by)!]),
            CostTables.Showback);
        command.Options.Add(by);
        return command;
    }
}
