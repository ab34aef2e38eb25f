using System.Globalization;
using ApexFleet.Abstractions.Cost;
using Spectre.Console;

namespace ApexFleet.Cli.Output;

/// <summary>How spend, forecasts and budgets look on a console.</summary>
public static class CostTables
{
    public static void Showback(CostShowback showback)
    {
        var table = new Table().Title($"Spend by {showback.By} (USD)").AddColumns("", "Egress", "Cloud fall-backs", "Operator total", "Users' energy", "GB", "Fall-backs", "Inferences");
        foreach (var row in showback.Rows)
        {
            table.AddRow(
                Markup.Escape(row.Key), Usd(row.Cost.EgressUsd), Usd(row.Cost.FallbackUsd), Usd(row.Cost.OperatorUsd), Usd(row.Cost.EnergyUsd),
                (row.Bytes / 1e9).ToString("0.###", CultureInfo.InvariantCulture), row.CloudFallbacks.ToString("N0", CultureInfo.InvariantCulture),
                row.Inferences.ToString("N0", CultureInfo.InvariantCulture));
        }

        table.AddRow("[bold]total[/]", Usd(showback.Total.EgressUsd), Usd(showback.Total.FallbackUsd), Usd(showback.Total.OperatorUsd), Usd(showback.Total.EnergyUsd), "", "", "");
        AnsiConsole.Write(table);
        foreach (var rollout in showback.Rollouts)
        {
            Rollout(rollout);
        }
    }

    public static void Rollout(RolloutCost cost)
    {
        var budget = cost.BudgetRolloutUsd is null && cost.BudgetMonthlyUsd is null
            ? "no budget"
            : $"budget {Text(cost.BudgetRolloutUsd)} a rollout, {Text(cost.BudgetMonthlyUsd)} a month";
        AnsiConsole.MarkupLine(Markup.Escape(
            $"{cost.DeploymentId} ({cost.Phase}): spent {cost.OperatorUsd:0.00} USD (egress {cost.EgressUsd:0.00}, fall-backs {cost.FallbackUsd:0.00}; users' energy {cost.EnergyUsd:0.00}); {budget}"));
        if (cost.OverBudget is { } over)
        {
            AnsiConsole.MarkupLine($"[red]{Markup.Escape(over)}[/]");
        }

        Forecasts(cost.Forecast is null ? cost.StageForecasts : [.. cost.StageForecasts, cost.Forecast with { Stage = $"{cost.Forecast.Stage} (now)" }]);
    }

    /// <summary>The forecast as each stage was left: USD with 95 % intervals.</summary>
    public static void Forecasts(IReadOnlyList<ForecastView> forecasts)
    {
        if (forecasts.Count == 0)
        {
            return;
        }

        var table = new Table().Title("Cost forecast for the whole rollout (USD, 95 % interval)")
            .AddColumns("Stage", "Rollout", "Egress", "Fall-backs during rollout", "Monthly run-rate", "Fall-back rate", "Inferences a phone-hour", "Phone-hours run", "MB a phone", "Delta share", "Phones");
        foreach (var f in forecasts)
        {
            table.AddRow(
                Markup.Escape($"{f.StageIndex + 1} {f.Stage}"), Markup.Escape(f.RolloutUsd.ToString()), Markup.Escape(f.EgressUsd.ToString()),
                Markup.Escape(f.RolloutFallbackUsd.ToString()), Markup.Escape(f.MonthlyUsd.ToString()),
                Markup.Escape($"{f.FallbackRate.Value:P2} ({f.FallbackRate.Low:P2}–{f.FallbackRate.High:P2})"),
                f.InferencesPerDeviceHour.ToString("0.0", CultureInfo.InvariantCulture), f.DeviceHoursMeasured.ToString("N0", CultureInfo.InvariantCulture),
                (f.BytesPerDevice / 1e6).ToString("0.00", CultureInfo.InvariantCulture), f.DeltaShare.ToString("P0", CultureInfo.InvariantCulture),
                f.ReachDevices.ToString("N0", CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(table);
    }

    private static string Usd(double usd) => usd.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Text(double? usd) => usd is { } v ? $"{v:0.00} USD" : "no limit";
}
