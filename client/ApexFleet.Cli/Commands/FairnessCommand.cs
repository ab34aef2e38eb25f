using System.CommandLine;
using ApexFleet.Abstractions.Json;
using ApexFleet.Cli.Input;
using ApexFleet.Cli.Output;
using ApexFleet.Domain.Fairness;

namespace ApexFleet.Cli.Commands;

/// <summary>`apexfleet fairness`: the fairness metrics of a CSV of predictions, offline (no cluster).</summary>
public static class FairnessCommand
{
    public static Command Create()
    {
        var predictions = new Option<FileInfo?>("--predictions")
        {
            Description = "CSV with a header row and one row per example: a group, the true label and the prediction.",
            HelpName = "FILE.csv",
        };
        var groupColumn = new Option<string>("--group-column")
        {
            Description = "Column holding the group (e.g. a coarse demographic or region).",
            HelpName = "NAME",
            DefaultValueFactory = _ => "group",
        };
        var labelColumn = new Option<string>("--label-column")
        {
            Description = "Column holding the true label.",
            HelpName = "NAME",
            DefaultValueFactory = _ => "y_true",
        };
        var predictionColumn = new Option<string>("--prediction-column")
        {
            Description = "Column holding the model's prediction.",
            HelpName = "NAME",
            DefaultValueFactory = _ => "y_pred",
        };
        var privileged = new Option<string?>("--privileged")
        {
            Description = "Privileged group: adds AIF360's metrics of every other group pooled against it.",
            HelpName = "GROUP",
        };
        var positiveLabel = new Option<string>("--positive-label")
        {
            Description = "The favourable value of the label and prediction columns; every other value must be one and the same unfavourable value.",
            HelpName = "VALUE",
            DefaultValueFactory = _ => "1",
        };
        var minGroupSize = new Option<long>("--min-group-size")
        {
            Description = "Flag a rate that rests on fewer examples than this in some group.",
            DefaultValueFactory = _ => 30,
        }.Within(0L, long.MaxValue);
        var json = new Option<bool>("--json") { Description = "Print the metrics as JSON, keyed by Fairlearn's and AIF360's names." };

        var command = new Command("fairness", "Fairness metrics (Fairlearn and AIF360 definitions) of labelled predictions in a CSV file. Exit code 0: computed; 2: bad input.")
        {
            predictions, groupColumn, labelColumn, predictionColumn, privileged, positiveLabel, minGroupSize, json,
        };
        command.SetAction((parse, _) =>
        {
            var file = parse.GetValue(predictions);
            if (file is null)
            {
                Console.Error.WriteLine("error: --predictions FILE.csv is required");
                return Task.FromResult(ExitCodes.BadInput);
            }

            var columns = new PredictionsCsv.Columns(parse.GetValue(groupColumn)!, parse.GetValue(labelColumn)!, parse.GetValue(predictionColumn)!);
            return Task.FromResult(Run(file, columns, parse.GetValue(positiveLabel)!, parse.GetValue(privileged), parse.GetValue(minGroupSize), parse.GetValue(json)));
        });
        return command;
    }

    private static int Run(FileInfo file, PredictionsCsv.Columns columns, string positiveLabel, string? privileged, long minGroupSize, bool json)
    {
        if (!file.Exists)
        {
            Console.Error.WriteLine($"error: {file.FullName} does not exist");
            return ExitCodes.BadInput;
        }

        FairnessReport report;
        try
        {
            var groups = PredictionsCsv.Read(file.FullName, columns, positiveLabel);
            if (privileged is not null && (!groups.ContainsKey(privileged) || groups.Count < 2))
            {
                Console.Error.WriteLine($"error: --privileged '{privileged}' needs to be one of at least two groups in column '{columns.Group}' (groups: {string.Join(", ", groups.Keys)})");
                return ExitCodes.BadInput;
            }

            report = FairnessReport.Compute(groups, privileged);
        }
        catch (Exception ex) when (ex is CsvInputException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.BadInput;
        }

        if (json)
        {
            Console.WriteLine(FairnessJson.Of(report).ToJsonString(FleetJson.Options));
        }
        else
        {
            FairnessTables.Print(report, minGroupSize);
        }

        return ExitCodes.Ok;
    }
}
