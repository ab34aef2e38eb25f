using System.CommandLine;
using ApexFleet.Abstractions.Deployments;
using ApexFleet.Abstractions.Fleet;
using ApexFleet.Cli.Output;
using ApexFleet.Domain.Manifests;
using ApexFleet.Domain.Rollout;

namespace ApexFleet.Cli.Commands;

public static class RolloutCommand
{
    public static Command Create()
    {
        var command = new Command("rollout", "Start and steer rollouts on a running silo (see `apexfleet silo`).");
        var id = new Argument<string>("id") { Description = "Deployment id (the manifest's metadata.name)." };
        var file = new Argument<FileInfo>("manifest") { Description = "Deployment manifest (YAML): kind Deployment (apexfleet.io/v1) or OnDeviceModelDeployment (mobileai.apexlogic.com/v1)." };
        var supersede = new Option<string?>("--supersede")
        {
            Description = "The unfinished rollout of the same model this one replaces: it ends (audited) and devices follow the new one. "
                + "Without it, a second rollout of a model that is still rolling out is refused.",
        };

        Func<ParseResult, FleetContext>? fleetOf = null;
        var start = ClusterCommand.Create(
            "start", "Validate a manifest (either format) and start its rollout, judged every 5 s on the silo's clock.",
            async parse =>
            {
                var path = parse.GetValue(file)!;
                if (!path.Exists)
                {
                    throw new ManifestException([new ManifestError(path.FullName, 0, 0, "(file)", "no such manifest file")]);
                }

                var yaml = await File.ReadAllTextAsync(path.FullName);
                var fleet = fleetOf!(parse);
                return (Path: path, Yaml: yaml, Definition: DeploymentManifest.Parse(path.Name, yaml, fleet), Supersedes: parse.GetValue(supersede), Fleet: fleet);
            },
            async (manifest, client) => await client.GetGrain<IDeploymentGrain>(manifest.Definition.Name)
                .Start(manifest.Yaml, manifest.Path.Name, new StartOptions(TimeSpan.FromSeconds(5), DateTimeOffset.UtcNow, Actor(), Supersedes: manifest.Supersedes, Fleet: manifest.Fleet)),
            FleetTables.Status,
            file);
        start.Options.Add(supersede);
        fleetOf = FleetContextOptions.AddTo(start);
        command.Subcommands.Add(start);
        command.Subcommands.Add(ClusterCommand.Create(
            "list", "List the deployments the fleet knows.",
            async (_, client) => await client.GetGrain<IFleetDirectoryGrain>(0).GetDeployments(),
            (IReadOnlyList<string> result) => Console.WriteLine(string.Join(Environment.NewLine, result))));
        command.Subcommands.Add(Control("status", "Show a rollout's stage, gates and devices per cohort.", (d, _) => d.GetStatus(), id));
        command.Subcommands.Add(Control("pause", "Stop advancing (gates are still judged, nothing moves).", (d, who) => d.Pause(who), id));
        command.Subcommands.Add(Control("resume", "Continue a paused rollout.", (d, who) => d.Resume(who), id));
        command.Subcommands.Add(Control("promote", "Skip to the next stage now, whatever the gates say (recorded under your name).", (d, who) => d.Promote(who), id));
        command.Subcommands.Add(Control("abort", "Stop the rollout and send every device back to the previous version.", (d, who) => d.Abort(who), id));
        command.Subcommands.Add(ClusterCommand.Create(
            "audit", "Show every decision of a rollout with the numbers behind it.",
            async (parse, client) => await client.GetGrain<IDeploymentGrain>(parse.GetValue(id)!).GetAudit(),
            FleetTables.Audit,
            id));
        return command;
    }

    private static Command Control(string name, string description, Func<IDeploymentGrain, string, Task<RolloutStatus>> act, Argument<string> id) =>
        ClusterCommand.Create(
            name,
            description,
            async (parse, client) => await act(client.GetGrain<IDeploymentGrain>(parse.GetValue(id)!), Actor()),
            FleetTables.Status,
            id);

    private static string Actor() => $"cli:{Environment.UserName}";
}
