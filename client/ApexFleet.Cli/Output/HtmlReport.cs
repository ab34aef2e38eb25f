using System.Globalization;
using System.Net;
using System.Text;
using ApexFleet.Abstractions.Cohorts;
using ApexFleet.Abstractions.Deployments;
using ApexFleet.Domain.Rollout;
using ApexFleet.Simulator.Running;

namespace ApexFleet.Cli.Output;

/// <summary>
/// A simulated rollout as one self-contained HTML page: no script, font or stylesheet to fetch, so it
/// can be attached to a release ticket or opened offline. Everything but the timings footer is a
/// function of the result, so two runs with the same scenario and seed give the same page.
/// </summary>
public static partial class HtmlReport
{
    private const string Target = "#0969da";
    private const string Previous = "#8c959f";
    private const string Bad = "#cf222e";
    private const string Good = "#1a7f37";
    private const string Neutral = "#57606a";
    private const string FleetColour = "#24292f";

    // Distinguishable without red, which the charts keep for failures and thresholds.
    private static readonly string[] Palette =
    [
        "#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#76b7b2", "#edc948", "#9c755f", "#ff9da7",
        "#86bcb6", "#8cd17d", "#d4a6c8", "#499894", "#f1ce63", "#a0cbe8", "#ffbe7d", "#79706e",
    ];

    public static string Render(SimulationResult result)
    {
        var clock = Clock.Of(result);
        var page = new StringBuilder();
        Head(page, result);
        Header(page, result, clock);
        Exposure(page, result, clock);
        Gates(page, result, clock);
        Cohorts(page, result);
        Variants(page, result);
        Cost(page, result);
        Decisions(page, result, clock);
        Footer(page, result);
        page.Append("</body>\n</html>\n");
        return page.ToString();
    }

    /// <summary>Where simulated time starts and ends: every chart shares this x axis so they line up.</summary>
    private sealed record Clock(DateTimeOffset Origin, double Hours)
    {
        public static Clock Of(SimulationResult result)
        {
            var times = result.Audit.Select(a => a.At).Concat(result.Timeline.Select(t => t.At)).ToList();
            if (times.Count == 0)
            {
                return new Clock(DateTimeOffset.UnixEpoch, 1);
            }

            var start = result.Audit.FirstOrDefault(a => a.Decision == "Start")?.At ?? times.Min();
            return new Clock(start, (times.Max() - start).TotalHours);
        }

        public double At(DateTimeOffset t) => (t - Origin).TotalHours;

        public string Elapsed(DateTimeOffset t) => "+" + ChartAxis.HoursMinutes(At(t));

        public ChartAxis Axis(bool detailed) => ChartAxis.Elapsed(Hours, detailed
            ? Inv($"simulated time since the start, h:mm (start {Origin.ToUniversalTime():yyyy-MM-dd HH:mm} UTC)")
            : "h:mm since the start");
    }

    private static void Head(StringBuilder page, SimulationResult result)
    {
        var final = result.Final;
        page.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
            .Append(Inv($"<title>{H(result.Scenario)}: {H(final.Model)} {H(final.PreviousVersion)} → {H(final.TargetVersion)} — {final.Phase}</title>\n"))
            .Append("<style>\n").Append(Css).Append("</style>\n</head>\n<body>\n");
    }

    private static void Header(StringBuilder page, SimulationResult result, Clock clock)
    {
        var final = result.Final;
        var highest = result.Audit.FirstOrDefault(a => a.StageIndex == final.HighestStageReached)?.Stage ?? "";
        var highestPercent = result.Timeline.FirstOrDefault(t => t.Stage == highest && highest.Length > 0)?.Percent;
        page.Append("<header>\n")
            .Append(Inv($"<p class=\"kicker\">ApexFleet simulated rollout · deployment {H(final.DeploymentId)}</p>\n"))
            .Append(Inv($"<h1>{H(result.Scenario)}: {H(final.Model)} <span class=\"ver\">{H(final.PreviousVersion)}</span> → <span class=\"ver\">{H(final.TargetVersion)}</span></h1>\n"))
            .Append(Inv($"<p class=\"verdict\"><span class=\"decision {PhaseClass(final.Phase)}\">{final.Phase}</span> {H(final.LastDecision)}</p>\n"))
            .Append("<dl class=\"facts\">\n");
        void Fact(string name, string html) => page.Append(Inv($"<div><dt>{H(name)}</dt><dd>{html}</dd></div>\n"));
        Fact("Final stage", H(Inv($"{final.StageIndex + 1}/{final.StageCount} {final.Stage} ({Percent(final.Percent)})")));
        Fact("Highest stage reached", H(Inv($"{final.HighestStageReached + 1}/{final.StageCount}{(highest.Length > 0 ? " " + highest : "")}{(highestPercent is { } p ? $" ({Percent(p)})" : "")}")));
        Fact("Cohorts rolled back", final.ExcludedCohorts.Count == 0 ? "none" : H(string.Join(", ", final.ExcludedCohorts)));
        if (final.Labels.Count > 0)
        {
            Fact("Owner", H(FleetTables.Owner(final)));
        }

        if (final.Cohorts.Sum(c => c.NotTargeted) is var untargeted and > 0)
        {
            Fact("Not targeted", Count(untargeted));
        }

        if (final.MonitoringUntil is { } until)
        {
            Fact("Monitoring until", H(Inv($"{until.ToUniversalTime():yyyy-MM-dd HH:mm} UTC")));
        }

        Fact("Seed", H(result.Seed.ToString(CultureInfo.InvariantCulture)));
        Fact("Devices", Count(result.Devices));
        Fact("Started", H(Inv($"{clock.Origin.ToUniversalTime():yyyy-MM-dd HH:mm} UTC")));
        Fact("Simulated", H(Inv($"{ChartAxis.HoursMinutes(result.SimulatedTime.TotalHours)} h in {result.TicksRun:#,0} ticks")));
        Fact("Telemetry reports", Count(result.ReportsSent));
        page.Append("</dl>\n<nav><a href=\"#exposure\">Exposure</a> · <a href=\"#gates\">Gates</a> · <a href=\"#cohorts\">Cohorts</a> · <a href=\"#decisions\">Decisions</a></nav>\n</header>\n");
    }

    private static void Exposure(StringBuilder page, SimulationResult result, Clock clock)
    {
        page.Append("<section id=\"exposure\">\n<h2>Exposure over time</h2>\n");
        if (result.Timeline.Count == 0)
        {
            page.Append("<p class=\"empty\">No tick was simulated.</p>\n</section>\n");
            return;
        }

        var final = result.Final;
        var devices = ChartAxis.Linear([result.Devices, .. result.Timeline.SelectMany(t => new double[] { t.DevicesOnTarget, t.DevicesOnPrevious })], "devices");
        var chart = new SvgChart("Devices on the target and the previous version per tick", clock.Axis(detailed: true), devices)
            .Line($"on {final.TargetVersion} (target)", Target, result.Timeline.Select(t => new ChartPoint(clock.At(t.At), t.DevicesOnTarget)))
            .Line($"on {final.PreviousVersion} (previous)", Previous, result.Timeline.Select(t => new ChartPoint(clock.At(t.At), t.DevicesOnPrevious)));
        MarkStagesAndRollbacks(chart, result, clock, labelled: true);
        page.Append("<p class=\"note\">Vertical lines: a new stage (name and share of the fleet) in grey, a rollback in red, completion in green.</p>\n")
            .Append(chart.Render()).Append("</section>\n");
    }

    private static void Gates(StringBuilder page, SimulationResult result, Clock clock)
    {
        page.Append("<section id=\"gates\">\n<h2>Gates</h2>\n");
        var outcomes = result.Audit.SelectMany(a => a.Gates.Select(g => (a.At, Gate: g))).ToList();
        if (outcomes.Count == 0)
        {
            page.Append("<p class=\"empty\">No gate was judged.</p>\n</section>\n");
            return;
        }

        page.Append("<p class=\"note\">Values a gate observed at each audited decision, per scope, against its threshold (the tinted side fails). ")
            .Append("Filled: pass; hollow: inconclusive (too few samples); ringed in red: fail. Hover a point for its numbers.</p>\n");
        var colours = ScopeColours(outcomes.Select(o => o.Gate.Scope));
        foreach (var metric in outcomes.GroupBy(o => o.Gate.Metric, StringComparer.Ordinal))
        {
            var gates = metric.ToList();
            var scopes = gates.Select(g => g.Gate.Scope).Distinct().OrderBy(ScopeOrder).ThenBy(s => s, StringComparer.Ordinal).ToList();
            var chart = new SvgChart($"{metric.Key} per scope over time, against its threshold", clock.Axis(detailed: false),
                ChartAxis.Linear(gates.Select(g => g.Gate.Observed).Concat(gates.Select(g => g.Gate.Threshold)), metric.Key), metric.Key);
            MarkStagesAndRollbacks(chart, result, clock, labelled: false);
            foreach (var kind in gates.GroupBy(g => g.Gate.Scope == "fleet" ? "fleet" : "cohort").OrderBy(k => k.Key, StringComparer.Ordinal))
            {
                var steps = ThresholdSteps(kind.Select(g => (g.At, g.Gate)), clock);
                var label = string.Join(" / ", steps.Select(s => s.Label).Distinct());
                if (gates.Any(g => (g.Gate.Scope == "fleet") != (kind.Key == "fleet")))
                {
                    label += $" ({kind.Key})";
                }

                chart.Threshold(label, Bad, steps.Select(s => (s.X, s.Y)), failAbove: kind.First().Gate.Operator is ComparisonOperator.Less or ComparisonOperator.LessOrEqual);
            }

            foreach (var scope in scopes)
            {
                chart.Line(scope, colours[scope], gates.Where(g => g.Gate.Scope == scope).Select(g => Observation(g.At, g.Gate, clock)), strokeWidth: 1.5);
            }

            chart.MarkerKey(PointMarker.Filled, "pass").MarkerKey(PointMarker.Hollow, "inconclusive").MarkerKey(PointMarker.Alarm, "fail");
            var judged = gates.Select(g => g.Gate);
            page.Append(Inv($"<h3>{H(metric.Key)}</h3>\n<p class=\"note\">{H(Describe(judged))}</p>\n")).Append(chart.Render());
        }

        page.Append("</section>\n");
    }

    private static void Cohorts(StringBuilder page, SimulationResult result)
    {
        var final = result.Final;
        page.Append("<section id=\"cohorts\">\n<h2>Cohorts</h2>\n");
        var names = final.Cohorts.Select(c => c.Cohort).Concat(result.Cohorts.Select(c => c.Cohort)).Distinct().Order(StringComparer.Ordinal).ToList();
        if (names.Count == 0)
        {
            page.Append("<p class=\"empty\">No cohort reported.</p>\n</section>\n");
            return;
        }

        var (t, p) = (H(final.TargetVersion), H(final.PreviousVersion));
        page.Append("<table class=\"cohorts\">\n<thead><tr><th>Cohort</th><th>Devices</th>")
            .Append(Inv($"<th>On {t}</th><th>On {p}</th><th>Rolled back</th><th>p50 ms {t}</th><th>p95 ms {t}</th><th>p95 ms {p}</th><th>Install failures {t}</th><th>Stage</th></tr></thead>\n<tbody>\n"));
        foreach (var name in names)
        {
            var exposure = final.Cohorts.FirstOrDefault(c => c.Cohort == name);
            var snapshot = result.Cohorts.FirstOrDefault(c => c.Cohort == name);
            var rolledBack = exposure?.RolledBack ?? final.ExcludedCohorts.Contains(name);
            var target = Variant(snapshot, final.Model, final.TargetVersion);
            var previous = Variant(snapshot, final.Model, final.PreviousVersion);
            page.Append(rolledBack ? "<tr class=\"rolled-back\">" : "<tr>")
                .Append(Inv($"<th scope=\"row\">{H(name)}</th><td>{Count(exposure?.Devices ?? snapshot?.Devices)}</td>"))
                .Append(Inv($"<td>{Count(exposure?.OnTarget)}</td><td>{Count(exposure?.OnPrevious)}</td>"))
                .Append(rolledBack ? "<td class=\"bad\">yes</td>" : "<td>no</td>")
                .Append(Inv($"<td>{Number(target?.LatencyP50Ms)}</td><td>{Number(target?.LatencyP95Ms)}</td><td>{Number(previous?.LatencyP95Ms)}</td>"))
                .Append(Inv($"<td>{InstallFailures(target)}</td><td>{H(FleetTables.StageOf(final, name))}</td></tr>\n"));
        }

        page.Append("</tbody>\n<tfoot><tr><th scope=\"row\">total</th>")
            .Append(Inv($"<td>{Count(final.Cohorts.Sum(c => c.Devices))}</td><td>{Count(final.Cohorts.Sum(c => c.OnTarget))}</td><td>{Count(final.Cohorts.Sum(c => c.OnPrevious))}</td>"))
            .Append(Inv($"<td>{final.ExcludedCohorts.Count}</td><td></td><td></td><td></td><td></td><td></td></tr></tfoot>\n</table>\n</section>\n"));
    }

    /// <summary>Each cohort's variant choice: its candidates on the first two objectives, the front, the winner and why.</summary>
    private static void Variants(StringBuilder page, SimulationResult result)
    {
        var choices = result.Final.Variants;
        if (choices.Count == 0)
        {
            return;
        }

        page.Append("<section id=\"variants\">\n<h2>Variant choices</h2>\n")
            .Append(Inv($"<p class=\"note\">Pareto fronts on {H(string.Join(", ", choices[0].Objectives))}, charted on the first two; filled: first front (joined), hollow: dominated, ringed: chosen.</p>\n"));
        foreach (var choice in choices.OrderBy(c => c.Cohort, StringComparer.Ordinal))
        {
            var objectives = choice.Objectives;
            if (objectives.Count >= 2 && choice.Values.Count > 0)
            {
                var front = choice.Fronts.Count > 0 ? choice.Fronts[0] : [];
                ChartPoint Point(string id, PointMarker marker) =>
                    new(choice.Values[id][0], choice.Values[id][1], marker, $"{id}: {string.Join(", ", objectives.Select((o, k) => $"{o} {Number(choice.Values[id][k])}"))}");
                var chart = new SvgChart($"{choice.Cohort}: candidates", ChartAxis.Linear(choice.Values.Values.Select(v => v[0]), objectives[0]),
                    ChartAxis.Linear(choice.Values.Values.Select(v => v[1]), objectives[1]), objectives[1]);
                chart.Line("first front", Palette[0], front.Where(choice.Values.ContainsKey).Select(id => Point(id, PointMarker.Filled)).OrderBy(p => p.X), strokeWidth: 1.5);
                chart.Line("dominated", Palette[1], choice.Values.Keys.Where(id => !front.Contains(id)).Select(id => Point(id, PointMarker.Hollow)), strokeWidth: 0);
                if (choice.Chosen is { } chosen && choice.Values.ContainsKey(chosen))
                {
                    chart.Line($"chosen: {chosen}", Bad, [Point(chosen, PointMarker.Alarm)], strokeWidth: 0);
                }

                page.Append(Inv($"<h3>{H(choice.Cohort)}: {H(choice.Chosen ?? "no feasible variant")}</h3>\n")).Append(chart.Render());
            }

            page.Append("<table class=\"variants\">\n<thead><tr><th>Variant</th><th>Evidence</th><th>Why</th></tr></thead>\n<tbody>\n");
            foreach (var (id, why) in choice.Explanations.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                page.Append(Inv($"<tr><th scope=\"row\">{H(id)}</th><td>{H(choice.Evidence.GetValueOrDefault(id, ""))}</td><td>{H(why)}</td></tr>\n"));
            }

            page.Append("</tbody>\n</table>\n");
        }

        page.Append("</section>\n");
    }

    private static void Decisions(StringBuilder page, SimulationResult result, Clock clock)
    {
        page.Append("<section id=\"decisions\">\n<h2>Decisions</h2>\n");
        if (result.Audit.Count == 0)
        {
            page.Append("<p class=\"empty\">The audit log is empty.</p>\n</section>\n");
            return;
        }

        page.Append("<table class=\"decisions\">\n<thead><tr><th>Time</th><th>Stage</th><th>Decision</th><th>By</th><th>Why</th><th>Gates</th></tr></thead>\n<tbody>\n");
        foreach (var entry in result.Audit)
        {
            page.Append(Inv($"<tr><td class=\"time\">{H(clock.Elapsed(entry.At))}<br/><span class=\"abs\">{entry.At.ToUniversalTime():yyyy-MM-dd HH:mm}</span></td>"))
                .Append(Inv($"<td class=\"stage\">{entry.StageIndex + 1} {H(entry.Stage)}</td><td><span class=\"decision {DecisionClass(entry.Decision)}\">{H(entry.Decision)}</span></td>"))
                .Append(Inv($"<td>{H(entry.Actor)}</td><td>{H(entry.Reason)}"));
            if (entry.CohortsRolledBack.Count > 0)
            {
                page.Append(Inv($"<br/><span class=\"bad\">rolled back: {H(string.Join(", ", entry.CohortsRolledBack))}</span>"));
            }

            page.Append("</td><td>");
            GateCell(page, entry.Gates);
            page.Append("</td></tr>\n");
        }

        page.Append("</tbody>\n</table>\n</section>\n");
    }

    private static void Footer(StringBuilder page, SimulationResult result)
    {
        var t = result.Timings;
        page.Append("<footer id=\"timings\">\n")
            .Append(Inv($"<p>Wall-clock: {t.Enrollment.TotalSeconds:0.0} s enrolling devices, {t.Rollout.TotalSeconds:0.0} s rolling out, {t.ReportsPerSecond:#,0} telemetry reports/s. "))
            .Append("These timings are the only part of this page that differs between two runs of the same scenario and seed.</p>\n")
            .Append("<p>Generated by <code>apexfleet simulate</code>.</p>\n</footer>\n");
    }

    /// <summary>Stage boundaries from the timeline (exact: a point is recorded right after each decision); rollbacks and completion from the audit log.</summary>
    private static void MarkStagesAndRollbacks(SvgChart chart, SimulationResult result, Clock clock, bool labelled)
    {
        string? stage = null;
        foreach (var point in result.Timeline)
        {
            if (point.Stage != stage)
            {
                // The first stage begins when the rollout starts, not at the first tick.
                var at = stage is null ? 0 : clock.At(point.At);
                chart.VerticalMarker(at, labelled ? $"{point.Stage} {Percent(point.Percent)}" : null, Neutral, dashed: true);
                stage = point.Stage;
            }
        }

        foreach (var entry in result.Audit)
        {
            if (entry.Decision is "RollbackCohorts" or "RollbackDeployment" or "Abort")
            {
                var what = entry.Decision == "RollbackCohorts" && entry.CohortsRolledBack.Count > 0 ? string.Join(", ", entry.CohortsRolledBack) : "all devices";
                chart.VerticalMarker(clock.At(entry.At), labelled ? $"{(entry.Decision == "Abort" ? "abort" : "rollback")}: {what}" : null, Bad);
            }
            else if (entry.Decision == "Complete")
            {
                chart.VerticalMarker(clock.At(entry.At), labelled ? "completed" : null, Good);
            }
        }
    }

    private static void GateCell(StringBuilder page, IReadOnlyList<GateOutcome> gates)
    {
        if (gates.Count == 0)
        {
            page.Append("<span class=\"muted\">–</span>");
            return;
        }

        page.Append("<ul class=\"gates\">");
        var hidden = false;
        foreach (var metric in gates.GroupBy(g => g.Metric, StringComparer.Ordinal))
        {
            var counts = string.Join(", ", metric.GroupBy(g => g.Verdict).OrderBy(v => VerdictOrder(v.Key)).Select(v => Inv($"{v.Count()} {v.Key.ToString().ToLowerInvariant()}")));
            page.Append(Inv($"<li><b>{H(metric.Key)}</b> {H(Rule(metric))}: {H(counts)}"));
            var shown = metric.Count() == 1 ? metric.ToList() : [.. metric.Where(g => g.Verdict != GateVerdict.Pass)];
            hidden |= shown.Count < metric.Count();
            foreach (var g in shown)
            {
                page.Append(Inv($"<br/><span class=\"{VerdictClass(g.Verdict)}\">{H(g.Scope)} {Number(g.Observed)}, n = {g.Samples:#,0}/{g.MinSamples:#,0}: {g.Verdict.ToString().ToLowerInvariant()}</span>"));
            }

            page.Append("</li>");
        }

        page.Append("</ul>");
        if (hidden)
        {
            page.Append(Inv($"<details><summary>all {gates.Count} outcomes</summary><table class=\"outcomes\"><thead><tr><th>Metric</th><th>Scope</th><th>Observed</th><th>Threshold</th><th>Samples</th><th>Verdict</th></tr></thead><tbody>"));
            foreach (var g in gates)
            {
                page.Append(Inv($"<tr><td>{H(g.Metric)}</td><td>{H(g.Scope)}</td><td>{Number(g.Observed)}</td><td>{H(Operator(g.Operator))} {Number(g.Threshold)}</td><td>{g.Samples:#,0}/{g.MinSamples:#,0}</td><td class=\"{VerdictClass(g.Verdict)}\">{g.Verdict}</td></tr>"));
            }

            page.Append("</tbody></table></details>");
        }
    }

    private static ChartPoint Observation(DateTimeOffset at, GateOutcome g, Clock clock)
    {
        var marker = g.Verdict switch
        {
            GateVerdict.Pass => PointMarker.Filled,
            GateVerdict.Fail => PointMarker.Alarm,
            _ => PointMarker.Hollow,
        };
        var tip = Inv($"{g.Scope} at {clock.Elapsed(at)}: {g.Metric} {Number(g.Observed)} (pass when {Operator(g.Operator)} {Number(g.Threshold)}), {g.Samples:#,0} samples of {g.MinSamples:#,0} needed, {g.Verdict.ToString().ToLowerInvariant()}");
        return new ChartPoint(clock.At(at), g.Observed, marker, tip);
    }

    /// <summary>The threshold each time it was judged, keeping only the changes (a stage may tighten it).</summary>
    private static List<(double X, double Y, string Label)> ThresholdSteps(IEnumerable<(DateTimeOffset At, GateOutcome Gate)> judged, Clock clock)
    {
        var steps = new List<(double X, double Y, string Label)>();
        foreach (var (at, gate) in judged.OrderBy(j => j.At))
        {
            if (steps.Count == 0 || steps[^1].Y != gate.Threshold)
            {
                steps.Add((steps.Count == 0 ? 0 : clock.At(at), gate.Threshold, $"{Operator(gate.Operator)} {Number(gate.Threshold)}"));
            }
        }

        return steps;
    }

    private static string Describe(IEnumerable<GateOutcome> gates)
    {
        var rules = gates.Select(g => (Scope: g.Scope == "fleet" ? "the whole fleet" : "each cohort", Rule: $"{Operator(g.Operator)} {Number(g.Threshold)}"))
            .Distinct()
            .GroupBy(r => r.Scope)
            .Select(r => $"passes on {r.Key} when {string.Join(" or ", r.Select(x => x.Rule))}");
        return string.Join("; ", rules);
    }

    /// <summary>The rule in a few words for the decision table, e.g. "≤ 40 per cohort".</summary>
    private static string Rule(IEnumerable<GateOutcome> gates) =>
        string.Join(", ", gates.Select(g => $"{Operator(g.Operator)} {Number(g.Threshold)} {(g.Scope == "fleet" ? "on the fleet" : "per cohort")}").Distinct());

    private static Dictionary<string, string> ScopeColours(IEnumerable<string> scopes)
    {
        var ordered = scopes.Distinct().OrderBy(ScopeOrder).ThenBy(s => s, StringComparer.Ordinal).ToList();
        var colours = new Dictionary<string, string>(StringComparer.Ordinal);
        var next = 0;
        foreach (var scope in ordered)
        {
            colours[scope] = scope == "fleet" ? FleetColour : Palette[next++ % Palette.Length];
        }

        return colours;
    }

    private static int ScopeOrder(string scope) => scope == "fleet" ? 0 : 1;

    private static VariantSummary? Variant(CohortSnapshot? snapshot, string model, string version) =>
        snapshot?.Variants.Where(v => v.Variant.StartsWith($"{model}@{version}/", StringComparison.Ordinal)).OrderBy(v => v.Variant, StringComparer.Ordinal).FirstOrDefault();

    private static string InstallFailures(VariantSummary? v) =>
        v is null ? "–" : v.InstallAttempts == 0 ? Inv($"{v.InstallFailures:#,0}/0") : Inv($"{v.InstallFailures:#,0}/{v.InstallAttempts:#,0} ({(double)v.InstallFailures / v.InstallAttempts:0.00%})");

    private static string PhaseClass(RolloutPhase phase) => phase switch
    {
        RolloutPhase.Completed or RolloutPhase.Monitoring => "good",
        RolloutPhase.RolledBack or RolloutPhase.Aborted => "bad",
        _ => "warn",
    };

    private static string DecisionClass(string decision) => decision switch
    {
        "Advance" or "Complete" or "Promote" => "good",
        "RollbackCohorts" or "RollbackDeployment" or "Abort" => "bad",
        "Hold" => "muted",
        _ => "warn",
    };

    private static string VerdictClass(GateVerdict verdict) => verdict switch
    {
        GateVerdict.Pass => "pass",
        GateVerdict.Fail => "bad",
        _ => "warn",
    };

    private static int VerdictOrder(GateVerdict verdict) => verdict switch
    {
        GateVerdict.Fail => 0,
        GateVerdict.Inconclusive => 1,
        _ => 2,
    };

    private static string Operator(ComparisonOperator op) => op switch
    {
        ComparisonOperator.LessOrEqual => "≤",
        ComparisonOperator.GreaterOrEqual => "≥",
        _ => op.Symbol(),
    };

    private static string Percent(double percent) => Inv($"{percent:0.##}%");

    private static string Count(long? value) => value is { } v ? v.ToString("#,0", CultureInfo.InvariantCulture) : "–";

    /// <summary>Four significant digits without exponent, so a crash rate of 2e-5 still reads as a number.</summary>
    private static string Number(double? value)
    {
        if (value is not { } v || !double.IsFinite(v))
        {
            return "–";
        }

        if (v == 0)
        {
            return "0";
        }

        var decimals = Math.Clamp(3 - (int)Math.Floor(Math.Log10(Math.Abs(v))), 0, 10);
        return v.ToString(decimals == 0 ? "#,0" : "#,0." + new string('#', decimals), CultureInfo.InvariantCulture);
    }

    private static string H(string text) => WebUtility.HtmlEncode(text);

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    internal const string Css = """
        :root { color-scheme: light; }
        body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #24292f; background: #f6f8fa; margin: 0; padding: 24px 32px 40px; font-size: 14px; line-height: 1.45; }
        header, section, footer { max-width: 1100px; margin: 0 auto 20px; background: #ffffff; border: 1px solid #d0d7de; border-radius: 6px; padding: 16px 24px; }
        h1 { font-size: 22px; margin: 4px 0 8px; font-weight: 600; }
        h2 { font-size: 17px; margin: 0 0 8px; font-weight: 600; border-bottom: 1px solid #eaeef2; padding-bottom: 6px; }
        h3 { font-size: 14px; margin: 18px 0 2px; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
        .kicker { margin: 0; color: #57606a; font-size: 12px; text-transform: uppercase; letter-spacing: 0.04em; }
        .ver { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
        .verdict { margin: 8px 0 12px; }
        .decision { display: inline-block; padding: 1px 8px; border-radius: 10px; font-weight: 600; font-size: 12px; border: 1px solid; white-space: nowrap; }
        .verdict .decision { font-size: 15px; padding: 2px 12px; margin-right: 8px; }
        .decision.good { color: #1a7f37; background: #dafbe1; border-color: #4ac26b; }
        .decision.bad { color: #cf222e; background: #ffebe9; border-color: #ff8182; }
        .decision.warn { color: #9a6700; background: #fff8c5; border-color: #d4a72c; }
        .decision.muted { color: #57606a; background: #f6f8fa; border-color: #d0d7de; }
        dl.facts { display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)); gap: 8px 20px; margin: 0 0 12px; }
        dl.facts dt { color: #57606a; font-size: 12px; }
        dl.facts dd { margin: 0; font-weight: 600; }
        nav { font-size: 13px; }
        a { color: #0969da; text-decoration: none; }
        .note { color: #57606a; font-size: 12.5px; margin: 2px 0 6px; }
        .empty { color: #57606a; font-style: italic; }
        svg.chart { display: block; width: 100%; height: auto; }
        table { border-collapse: collapse; width: 100%; font-size: 13px; }
        th, td { text-align: left; vertical-align: top; padding: 5px 8px; border-bottom: 1px solid #eaeef2; }
        thead th { background: #f6f8fa; font-weight: 600; border-bottom: 1px solid #d0d7de; }
        table.cohorts td { text-align: right; font-variant-numeric: tabular-nums; }
        table.cost td { text-align: right; font-variant-numeric: tabular-nums; }
        table.cohorts th[scope="row"] { font-weight: 600; }
        table.cohorts tfoot th, table.cohorts tfoot td { border-top: 1px solid #d0d7de; font-weight: 600; }
        tr.rolled-back { background: #ffebe9; }
        .bad { color: #cf222e; font-weight: 600; }
        .warn { color: #9a6700; }
        .pass { color: #1a7f37; }
        .muted { color: #8c959f; }
        td.time, td.stage { white-space: nowrap; font-variant-numeric: tabular-nums; }
        .abs { color: #57606a; font-size: 12px; }
        table.decisions td:last-child { width: 40%; }
        ul.gates { margin: 0; padding-left: 16px; }
        details summary { cursor: pointer; color: #0969da; font-size: 12px; }
        table.outcomes { font-size: 12px; margin-top: 4px; }
        table.outcomes td, table.outcomes th { padding: 2px 6px; }
        footer { color: #57606a; font-size: 12.5px; }
        footer p { margin: 4px 0; }
        @media print { body { background: #ffffff; padding: 0; } header, section, footer { border: none; break-inside: avoid-page; } }

        """;
}
