using ApexFleet.Domain.Rollout;
using ApexFleet.Simulator.Running;
using Spectre.Console;

namespace ApexFleet.Cli.Output;

/// <summary>The table a release engineer reads at the end of a simulated rollout.</summary>
public static class SimulationSummary
{
    public static void Print(SimulationResult result)
    {
        var console = AnsiConsole.Console;
        if (Console.IsOutputRedirected)
        {
            // Logs and CI have no terminal width; do not wrap the tables at 80 columns.
            console.Profile.Width = 160;
        }

        var final = result.Final;
        console.WriteLine();
        console.Write(new Rule($"[bold]{Markup.Escape(result.Scenario)}[/]: {Markup.Escape(final.Model)} {Markup.Escape(final.PreviousVersion)} → {Markup.Escape(final.TargetVersion)}").LeftJustified());

        FleetTables.Audit(result.Audit);

        var cohorts = new Table().Title("Devices per cohort").AddColumns("Cohort", "Stage", "Variant", "Devices", $"On {final.TargetVersion}", $"On {final.PreviousVersion}", "Not targeted", "Rolled back", $"p95 ms ({final.TargetVersion})", "Install failures");
        var targetKey = $"{final.Model}@{final.TargetVersion}";
        foreach (var exposure in final.Cohorts.OrderBy(c => c.Cohort, StringComparer.Ordinal))
        {
            var snapshot = result.Cohorts.FirstOrDefault(c => c.Cohort == exposure.Cohort);
            var variant = final.Variants.FirstOrDefault(v => v.Cohort == exposure.Cohort)?.Chosen;
            var target = snapshot?.Variants.FirstOrDefault(v => v.Variant == (variant is null ? null : $"{targetKey}/{variant}"))
                ?? snapshot?.Variants.FirstOrDefault(v => v.Variant.StartsWith(targetKey + "/", StringComparison.Ordinal));
            cohorts.AddRow(
                Markup.Escape(exposure.Cohort),
                Markup.Escape(FleetTables.StageOf(final, exposure.Cohort)),
                Markup.Escape(variant ?? "-"),
                $"{exposure.Devices:N0}",
                $"{exposure.OnTarget:N0}",
                $"{exposure.OnPrevious:N0}",
                $"{exposure.NotTargeted:N0}",
                exposure.RolledBack ? "[red]yes[/]" : "no",
                target is null || double.IsNaN(target.LatencyP95Ms) ? "-" : $"{target.LatencyP95Ms:0.00}",
                target is null ? "-" : $"{target.InstallFailures:N0}/{target.InstallAttempts:N0}");
        }

        cohorts.AddRow("[bold]total[/]", "", "", $"{final.Cohorts.Sum(c => c.Devices):N0}", $"{final.Cohorts.Sum(c => c.OnTarget):N0}", $"{final.Cohorts.Sum(c => c.OnPrevious):N0}", $"{final.Cohorts.Sum(c => c.NotTargeted):N0}", $"{final.ExcludedCohorts.Count}", "", "");
        console.Write(cohorts);

        if (final.Variants.Count > 0)
        {
            console.MarkupLine($"[bold]Variant choices[/] (Pareto front of {Markup.Escape(string.Join(", ", final.Variants[0].Objectives))}):");
            foreach (var choice in final.Variants)
            {
                var why = choice.Chosen is { } chosen ? choice.Explanations[chosen] : "no variant meets the constraints; the cohort keeps its current one";
                console.MarkupLine(Markup.Escape($"  {choice.Cohort}: {choice.Chosen ?? "-"} — front {string.Join(" ", choice.Fronts.Select(f => "{" + string.Join(",", f) + "}"))}; {why}"));
            }
        }

        var colour = final.Phase.ReachesEveryone() ? "green" : "red";
        console.MarkupLine($"Final decision: [bold {colour}]{final.Phase}[/] at stage {final.StageIndex + 1}/{final.StageCount} '{Markup.Escape(final.Stage)}' ({final.Percent}%), highest stage reached {final.HighestStageReached + 1}");
        if (final.MonitoringUntil is { } until)
        {
            console.MarkupLine(Markup.Escape($"Everyone runs it; the simulation ended while late-harm gates watch (until {until:u}): no late failure so far"));
        }

        if (final.Labels.Count > 0)
        {
            console.MarkupLine(Markup.Escape($"Owner: {FleetTables.Owner(final)}"));
        }

        if (result.Cost is { } cost)
        {
            console.MarkupLine(Markup.Escape(
                $"Cost: {cost.OperatorUsd:0.00} USD (egress {cost.EgressUsd:0.00}, cloud fall-backs {cost.FallbackUsd:0.00}; users' energy {cost.EnergyUsd:0.00})" +
                (result.Final.StageForecasts is [var canary, ..] ? $"; the canary forecast {canary.RolloutUsd} for the rollout, {canary.MonthlyUsd} a month" : "")));
            if (cost.OverBudget is { } over)
            {
                console.MarkupLine(Markup.Escape(over));
            }
        }

        console.MarkupLine(Markup.Escape($"Last decision: {final.LastDecision}"));
        console.MarkupLine(Markup.Escape(
            $"Simulated {result.SimulatedTime.TotalHours:0.#} h in {result.TicksRun} ticks: {result.ReportsSent:N0} telemetry reports from {result.Devices:N0} devices; " +
            $"wall time {result.Timings.Enrollment.TotalSeconds:0.0} s enrolling + {result.Timings.Rollout.TotalSeconds:0.0} s rolling out ({result.Timings.ReportsPerSecond:N0} reports/s)"));
    }
}
