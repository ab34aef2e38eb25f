using System.Text;
using ApexFleet.Abstractions.Cost;
using ApexFleet.Simulator.Running;

namespace ApexFleet.Cli.Output;

/// <summary>The report's cost section: what the run spent by label, and the forecast as each stage left it.</summary>
public static partial class HtmlReport
{
    private static void Cost(StringBuilder page, SimulationResult result)
    {
        if (result.Cost is not { } cost)
        {
            return;
        }

        var budget = cost.BudgetRolloutUsd is null && cost.BudgetMonthlyUsd is null
            ? "no budget"
            : Inv($"budget {Usd(cost.BudgetRolloutUsd)} a rollout, {Usd(cost.BudgetMonthlyUsd)} a month");
        page.Append("<section id=\"cost\">\n<h2>Cost</h2>\n")
            .Append(Inv($"<p>Spent {cost.OperatorUsd:0.00} USD (egress {cost.EgressUsd:0.00}, cloud fall-backs {cost.FallbackUsd:0.00}); the phones' owners spent {cost.EnergyUsd:0.00} USD of energy; {H(budget)}.</p>\n"));
        if (cost.OverBudget is { } over)
        {
            page.Append(Inv($"<p class=\"bad\">{H(over)}</p>\n"));
        }

        SpendByLabel(page, result);
        StageForecasts(page, cost, result.CostAtCompletion);
        page.Append("</section>\n");
    }

    private static void SpendByLabel(StringBuilder page, SimulationResult result)
    {
        page.Append("<h3>Spend by label</h3>\n<table class=\"cost\">\n<thead><tr><th>By</th><th>Key</th><th>Egress USD</th><th>Fall-backs USD</th><th>Operator USD</th><th>Users' energy USD</th><th>GB</th><th>Fall-backs</th><th>Inferences</th></tr></thead>\n<tbody>\n");
        foreach (var (by, rows) in result.SpendBy)
        {
            foreach (var row in rows)
            {
                page.Append(Inv($"<tr><td>{H(by)}</td><th scope=\"row\">{H(row.Key)}</th><td>{row.Cost.EgressUsd:0.00}</td><td>{row.Cost.FallbackUsd:0.00}</td>"))
                    .Append(Inv($"<td>{row.Cost.OperatorUsd:0.00}</td><td>{row.Cost.EnergyUsd:0.00}</td><td>{row.Bytes / 1e9:0.###}</td><td>{Count(row.CloudFallbacks)}</td><td>{Count(row.Inferences)}</td></tr>\n"));
            }
        }

        page.Append("</tbody>\n</table>\n");
    }

    /// <summary>The forecast for the whole rollout as each stage was left, with its 95 % interval, beside what the completed rollout spent.</summary>
    private static void StageForecasts(StringBuilder page, RolloutCost cost, RolloutCost? atCompletion)
    {
        page.Append("<h3>Forecast per stage</h3>\n");
        if (cost.StageForecasts.Count == 0)
        {
            page.Append("<p class=\"empty\">No stage was left with a forecast.</p>\n");
            return;
        }

        page.Append("<p class=\"note\">USD for the whole rollout, 95 % interval in brackets, made when the stage was left.</p>\n")
            .Append("<table class=\"cost\">\n<thead><tr><th>Stage</th><th>Rollout</th><th>Egress</th><th>Fall-backs during rollout</th><th>Monthly run-rate</th><th>Fall-back rate</th><th>Inferences a phone-hour</th><th>Phone-hours run</th><th>MB a phone</th><th>Delta share</th><th>Phones</th></tr></thead>\n<tbody>\n");
        foreach (var f in cost.StageForecasts)
        {
            page.Append(Inv($"<tr><th scope=\"row\">{f.StageIndex + 1} {H(f.Stage)}</th><td>{Interval(f.RolloutUsd)}</td><td>{Interval(f.EgressUsd)}</td><td>{Interval(f.RolloutFallbackUsd)}</td><td>{Interval(f.MonthlyUsd)}</td>"))
                .Append(Inv($"<td>{f.FallbackRate.Value:P2} ({f.FallbackRate.Low:P2}–{f.FallbackRate.High:P2})</td><td>{f.InferencesPerDeviceHour:0.0}</td><td>{Count((long)f.DeviceHoursMeasured)}</td><td>{f.BytesPerDevice / 1e6:0.00}</td><td>{f.DeltaShare:P0}</td><td>{Count((long)f.ReachDevices)}</td></tr>\n"));
        }

        page.Append("</tbody>\n");
        if (atCompletion is not null)
        {
            // What the new version spent by the time everyone ran it: the figure the forecasts aimed at.
            page.Append(Inv($"<tfoot><tr><th scope=\"row\">spent at completion</th><td>{atCompletion.TargetEgressUsd + atCompletion.TargetFallbackUsd:0.00}</td><td>{atCompletion.TargetEgressUsd:0.00}</td><td>{atCompletion.TargetFallbackUsd:0.00}</td><td></td><td></td><td>{atCompletion.Forecast?.InferencesPerDeviceHour:0.0}</td><td>{Count((long)(atCompletion.Forecast?.DeviceHoursMeasured ?? 0))}</td><td></td><td></td><td></td></tr></tfoot>\n"));
        }

        page.Append("</table>\n");
    }

    private static string Interval(EstimateView e) => Inv($"{e.Value:0.00} ({e.Low:0.00}–{e.High:0.00})");

    private static string Usd(double? usd) => usd is { } v ? Inv($"{v:0.00} USD") : "no limit";
}
