using System.CommandLine;
using System.Text.Json;
using ApexFleet.Abstractions.Json;
using ApexFleet.Cli.Input;
using ApexFleet.Cli.Output;
using ApexFleet.Domain.Pareto;

namespace ApexFleet.Cli.Commands;

/// <summary>`apexfleet pareto`: the cohort's Pareto choice of a model variant, offline, from a table.</summary>
public static class ParetoCommand
{
    public static Command Create()
    {
        var candidates = new Option<FileInfo?>("--candidates", "-c")
        {
            HelpName = "FILE",
            Description = "CSV table of candidates: a header row, an 'id' column, and a numeric column per objective (others are ignored). Required.",
        };
        var objectives = new Option<string?>("--objectives", "-o")
        {
            HelpName = "NAME:min|max,...",
            Description = "Objectives and their directions, e.g. latency:min,energy:min,accuracy:max. Required.",
        };
        var constraints = new Option<string[]>("--constraint")
        {
            HelpName = "NAME<=NUMBER",
            Description = "A hard limit on an objective, e.g. \"latency<=50\" (<=, <, >=, >); repeat for more. Candidates that break one are left out.",
            DefaultValueFactory = _ => [],
        };
        var choose = new Option<string?>("--choose")
        {
            HelpName = "weighted|lexicographic|knee",
            Description = "How to pick on the first front: weighted, lexicographic (objectives in the given order) or knee. Default: weighted with --weights, else knee.",
        };
        var weights = new Option<string?>("--weights", "-w")
        {
            HelpName = "NAME=WEIGHT,...",
            Description = "Weights for --choose weighted, e.g. latency=0.5,energy=0.3,accuracy=0.2 (scaled to sum to 1; default equal).",
        };
        var reference = new Option<string?>("--reference", "-r")
        {
            HelpName = "NAME=VALUE,...",
            Description = "Hypervolume reference point, one value per objective, e.g. latency=100,energy=10,accuracy=0. Default: the worst feasible values, 10% of their range worse.",
        };
        var json = new Option<bool>("--json")
        {
            Description = "Print {fronts, infeasible, choice, hypervolume, explanations} as JSON instead of a table.",
        };

        var command = new Command("pareto", "Sort candidate model variants into Pareto fronts under constraints, measure the first front's hypervolume, and choose one with a stated rule. Exit code 0: a choice; 1: no candidate meets the constraints; 2: bad input.")
        {
            candidates, objectives, constraints, choose, weights, reference, json,
        };
        command.SetAction((parse, _) => Task.FromResult(Run(
            parse.GetValue(candidates), parse.GetValue(objectives), parse.GetValue(constraints) ?? [],
            parse.GetValue(choose), parse.GetValue(weights), parse.GetValue(reference), parse.GetValue(json))));
        return command;
    }

    private static int Run(FileInfo? file, string? objectivesText, string[] constraintTexts, string? rule, string? weightsText, string? referenceText, bool json)
    {
        try
        {
            if (file is null || string.IsNullOrWhiteSpace(objectivesText))
            {
                throw new ParetoInputException("--candidates and --objectives are required");
            }

            var objectives = Objective.ParseList(objectivesText);
            var constraints = constraintTexts.Select(Constraint.Parse).ToList();
            var weights = weightsText is null ? null : NamedValues.Parse(weightsText, "weight");
            var preference = Preference.Parse(rule ?? (weights is null ? "knee" : "weighted"), weights);
            if (weights is not null && preference is not WeightedSumPreference)
            {
                throw new ParetoInputException($"--weights only applies to --choose weighted, not {rule}");
            }

            var referencePoint = referenceText is null ? null : NamedValues.Parse(referenceText, "reference");
            var table = CandidateCsv.Read(file.ToString(), objectives);
            var analysis = ParetoAnalyzer.Analyze(objectives, table, constraints, preference, referencePoint);

            if (json)
            {
                Console.WriteLine(JsonSerializer.Serialize(ParetoReport.From(analysis), FleetJson.Options));
            }
            else
            {
                ParetoReport.Print(file.ToString(), analysis, table, constraints);
            }

            return analysis.Choice is null ? ExitCodes.NothingFeasible : ExitCodes.Ok;
        }
        catch (ParetoInputException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.BadInput;
        }
    }
}
