using System.Globalization;
using ApexFleet.Abstractions.Cohorts;
using ApexFleet.Abstractions.Deployments;
using ApexFleet.Abstractions.Devices;
using ApexFleet.Domain.Rollout;
using ApexFleet.Domain.Statistics;
using ApexFleet.Domain.Telemetry;
using Spectre.Console;

namespace ApexFleet.Cli.Output;

/// <summary>How the fleet's contracts look on a console.</summary>
public static class FleetTables
{
    public static void Audit(IReadOnlyList<AuditRecord> audit)
    {
        var table = new Table().Title("Decisions").AddColumns("Time", "Stage", "Decision", "By", "Gates (metric verdict on scopes)", "Why");
        foreach (var entry in audit)
        {
            table.AddRow(
                Markup.Escape(entry.At.ToString("MM-dd HH:mm", CultureInfo.InvariantCulture)),
                Markup.Escape($"{entry.StageIndex + 1} {entry.Stage}"),
                Markup.Escape(entry.Decision),
                Markup.Escape(entry.Actor),
                Markup.Escape(GateSummary(entry.Gates)),
                Markup.Escape(entry.Reason));
        }

        AnsiConsole.Write(table);
    }

    public static void Status(RolloutStatus status)
    {
        AnsiConsole.MarkupLine(Markup.Escape(
            $"{status.DeploymentId}: {status.Phase}, stage {status.StageIndex + 1}/{status.StageCount} '{status.Stage}' at {status.Percent}% — {status.Model} {status.PreviousVersion} → {status.TargetVersion}"));
        if (status.Labels.Count > 0)
        {
            AnsiConsole.MarkupLine(Markup.Escape($"Owner: {Owner(status)}"));
        }

        if (status.MonitoringUntil is { } until)
        {
            AnsiConsole.MarkupLine(Markup.Escape($"Everyone runs it; late-harm gates watch until {until:u}"));
        }

        AnsiConsole.MarkupLine(Markup.Escape($"Last decision: {status.LastDecision}"));
        if (status.LastGates.Count > 0)
        {
            var gates = new Table().Title("Gates at the last evaluation").AddColumns("Metric", "Scope", "Observed", "Threshold", "Samples", "Verdict");
            foreach (var g in status.LastGates)
            {
                gates.AddRow(Markup.Escape(g.Metric), Markup.Escape(g.Scope), Number(g.Observed), Markup.Escape($"{g.Operator.Symbol()} {g.Threshold}"), $"{g.Samples:N0} / {g.MinSamples:N0}", Markup.Escape(g.Verdict.ToString()));
            }

            AnsiConsole.Write(gates);
        }

        Exposure(status);
        CostTables.Forecasts(status.StageForecasts);
    }

    /// <summary>The rollout's namespace, app and labels on one line.</summary>
    /// <summary>A cohort's own stage when cohorts progress on their own, else the rollout's.</summary>
    public static string StageOf(RolloutStatus status, string cohort) =>
        status.ExcludedCohorts.Contains(cohort) ? "rolled back"
            : status.Phase.ReachesEveryone() ? $"{status.Stage} (100%)"
            : status.CohortStages.FirstOrDefault(s => s.Cohort == cohort) is { } own ? $"{own.Stage} ({own.Percent}%)"
            : $"{status.Stage} ({status.Percent}%)";

    public static string Owner(RolloutStatus status) => string.Join(", ", status.Labels.Select(l => $"{l.Key}={l.Value}"));

    public static void Exposure(RolloutStatus status)
    {
        var table = new Table().Title("Devices per cohort").AddColumns("Cohort", "Stage", "Devices", $"On {status.TargetVersion}", $"On {status.PreviousVersion}", "Not targeted", "Rolled back");
        foreach (var c in status.Cohorts.OrderBy(c => c.Cohort, StringComparer.Ordinal))
        {
            table.AddRow(Markup.Escape(c.Cohort), Markup.Escape(StageOf(status, c.Cohort)), $"{c.Devices:N0}", $"{c.OnTarget:N0}", $"{c.OnPrevious:N0}", $"{c.NotTargeted:N0}", c.RolledBack ? "[red]yes[/]" : "no");
        }

        table.AddRow("[bold]total[/]", "", $"{status.Cohorts.Sum(c => c.Devices):N0}", $"{status.Cohorts.Sum(c => c.OnTarget):N0}", $"{status.Cohorts.Sum(c => c.OnPrevious):N0}", $"{status.Cohorts.Sum(c => c.NotTargeted):N0}", $"{status.ExcludedCohorts.Count}");
        AnsiConsole.Write(table);
    }

    public static void Device(DeviceSnapshot d)
    {
        var table = new Table().HideHeaders().AddColumns("Field", "Value");
        void Row(string field, string value) => table.AddRow(Markup.Escape(field), Markup.Escape(value));
        Row("device", d.DeviceId);
        Row("chipset", d.Profile is null ? "(not enrolled)" : $"{d.Profile.ChipsetModel} ({d.Profile.ChipsetFamily}, {d.Profile.Tier})");
        Row("os / region / group", d.Profile is null ? "-" : $"{d.Profile.Os} {d.Profile.OsVersion} / {d.Profile.Region} / {d.Profile.FairnessGroup}");
        Row("cohort", d.Cohort ?? "-");
        Row("installed", $"{d.Installed?.ToString() ?? "-"} (previous {d.Previous?.ToString() ?? "-"})");
        Row("install state", $"{d.InstallState}{(d.InstallReason is null ? "" : $": {d.InstallReason}")}");
        Row("reports", $"{d.Counters.Reports:N0} accepted, {d.RejectedReports:N0} rejected{(d.LastRejection is null ? "" : $" (last: {d.LastRejection})")}, last sequence {d.LastSequence}");
        Row("latency p50/p95/p99", $"{d.LatencyP50Ms:0.###} / {d.LatencyP95Ms:0.###} / {d.LatencyP99Ms:0.###} ms over {d.Counters.Inferences:N0} inferences");
        foreach (var (metric, value) in d.Rates)
        {
            Row(metric, Number(value));
        }

        foreach (var rule in TelemetryCounters.Rules)
        {
            var count = d.Counters[rule.Counter];
            Row(rule.Name, rule.IsMicros ? Number(FixedPoint.FromMicros(count)) : count.ToString("N0", CultureInfo.InvariantCulture));
        }
        AnsiConsole.Write(table);
    }

    public static void Cohorts(IReadOnlyList<CohortSnapshot> cohorts)
    {
        var table = new Table().AddColumns("Cohort", "Devices", "Variant", "Installed", "Inferences", "p50 ms", "p95 ms", "Energy mJ", "Crash rate");
        foreach (var cohort in cohorts.OrderBy(c => c.Cohort, StringComparer.Ordinal))
        {
            foreach (var v in cohort.Variants)
            {
                table.AddRow(Markup.Escape(cohort.Cohort), $"{cohort.Devices:N0}", Markup.Escape(v.Variant), $"{v.InstalledDevices:N0}", $"{v.Inferences:N0}", Number(v.LatencyP50Ms), Number(v.LatencyP95Ms), Number(v.EnergyPerInferenceMj), Number(v.CrashRate));
            }
        }

        AnsiConsole.Write(table);
        foreach (var choice in cohorts.Select(c => c.LastChoice).OfType<VariantChoice>())
        {
            var why = choice.Chosen is { } chosen ? choice.Explanations[chosen] : "no variant meets the constraints";
            AnsiConsole.MarkupLine(Markup.Escape(
                $"{choice.Cohort}: runs {choice.Chosen ?? "(unchanged)"} for {choice.Deployment} (stage {choice.StageIndex + 1}); fronts {string.Join(" ", choice.Fronts.Select(f => "{" + string.Join(",", f) + "}"))}; {why}"));
        }
    }

    public static string GateSummary(IReadOnlyList<GateOutcome> gates) =>
        gates.Count == 0
            ? "-"
            : string.Join("\n", gates
                .GroupBy(g => (g.Metric, g.Verdict))
                .Select(g => $"{g.Key.Metric} {g.Key.Verdict.ToString().ToLowerInvariant()} on {g.Count()}" +
                    (g.Key.Verdict == GateVerdict.Pass ? "" : ": " + string.Join(", ", g.Select(x => $"{x.Scope} {x.Observed:0.###}{x.Operator.Symbol()}{x.Threshold} n={x.Samples}")))));

    private static string Number(double value) => double.IsNaN(value) ? "-" : value.ToString("0.###", CultureInfo.InvariantCulture);
}
