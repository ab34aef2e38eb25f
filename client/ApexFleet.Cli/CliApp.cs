using System.CommandLine;
using System.CommandLine.Parsing;
using ApexFleet.Cli.Commands;

namespace ApexFleet.Cli;

/// <summary>The <c>apexfleet</c> command tree, and how a command line is run on it.</summary>
public static class CliApp
{
    public static RootCommand CreateRoot() => new("ApexFleet: roll AI models out to phone fleets, stage by stage, and try it on a simulated fleet first.")
    {
        SimulateCommand.Create(),
        SiloCommand.Create(),
        RolloutCommand.Create(),
        DeviceCommand.Create(),
        CohortsCommand.Create(),
        DbCommand.Create(),
        ParetoCommand.Create(),
        FairnessCommand.Create(),
        ValidateCommand.Create(),
        CatalogueCommand.Create(),
        GitOpsCommand.Create(),
        PolicyCommand.Create(),
        KeysCommand.Create(),
        TokenCommand.Create(),
        ModelCommand.Create(),
        CompareCommand.Create(),
        CostCommand.Create(),
        LoadTestCommand.Create(),
    };

    /// <summary>
    /// Parses and runs a command line. A wrong option or argument is bad input (exit code 2) like a
    /// wrong manifest, not a failed rollout (1): one <c>error:</c> line per problem, naming it,
    /// instead of the whole help text.
    /// </summary>
    public static Task<int> RunAsync(string[] args) => RunAsync(CreateRoot(), args);

    /// <summary>Runs a command line on another tree with the same rules (the benchmarks' program).</summary>
    public static async Task<int> RunAsync(Command root, string[] args)
    {
        ParseResult parsed;
        try
        {
            parsed = root.Parse(args);
        }
        catch (InvalidOperationException ex)
        {
            // A validator that reads an option whose text did not convert (System.CommandLine throws
            // there); numeric options use NumberOption instead, this keeps any other one to one line.
            Console.Error.WriteLine($"error: {OneLine(ex.Message)} (see `apexfleet --help`)");
            return ExitCodes.BadInput;
        }

        if (parsed.Errors.Count == 0)
        {
            return await parsed.InvokeAsync();
        }

        if (parsed.CommandResult.Command is { Action: null, Subcommands.Count: > 0 })
        {
            // `apexfleet` or `apexfleet rollout` without a subcommand: the help lists what there is.
            await parsed.InvokeAsync();
            return ExitCodes.BadInput;
        }

        var help = $"see `{CommandPath(parsed.CommandResult)} --help`";
        foreach (var error in parsed.Errors)
        {
            Console.Error.WriteLine($"error: {OneLine(error.Message)} ({help})");
        }

        return ExitCodes.BadInput;
    }

    private static string CommandPath(CommandResult command)
    {
        var names = new List<string>();
        for (var at = command; at is not null; at = at.Parent as CommandResult)
        {
            names.Add(at.Parent is null ? "apexfleet" : at.Command.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }

    private static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).TrimEnd('.');
}
