using System.Globalization;
using System.Net;
using System.Text;
using ApexFleet.LoadTest.Campaigns;

namespace ApexFleet.Cli.Output;

/// <summary>
/// A campaign's self-contained page: throughput, agents and round-trip latency over time, with the
/// phases, silo kills and the rollout's decisions marked on the same seconds axis of every chart.
/// </summary>
public static class LoadReportHtml
{
    private const string Throughput = "#4e79a7";
    private const string AgentsColour = "#59a14f";
    private const string Median = "#4e79a7";
    private const string Tail = "#f28e2b";
    private const string PhaseColour = "#8c959f";
    private const string Bad = "#cf222e";
    private const string Good = "#1a7f37";
    private const string Neutral = "#57606a";

    public static string Render(LoadCampaign campaign, CampaignReport report)
    {
        var load = report.Load;
        var intervals = load.Intervals;
        var end = Math.Max(load.MeasuredSeconds, report.Events.Select(e => e.AtSeconds).DefaultIfEmpty(0).Max());
        ChartAxis Seconds() => ChartAxis.Linear([0, end], "seconds since the campaign started");
        SvgChart Marked(SvgChart chart)
        {
            foreach (var e in report.Events)
            {
                var (label, colour, dashed) = e.Kind switch
                {
                    CampaignEventKind.PhaseStarted => (e.What["phase ".Length..], PhaseColour, true),
                    CampaignEventKind.SiloKilled => ("silo killed", Bad, false),
                    CampaignEventKind.RolloutStarted => ("rollout start", Neutral, false),
                    CampaignEventKind.RolloutDecision => (e.What, DecisionColour(e.What), false),
                    _ => ("problem", Bad, true),
                };
                chart.VerticalMarker(e.AtSeconds, label, colour, dashed);
            }

            return chart;
        }

        var throughput = Marked(new SvgChart("Accepted reports per second", Seconds(), ChartAxis.Linear(intervals.Select(i => i.AcceptedPerSecond), "reports/s"))
            .Line("accepted reports/s", Throughput, intervals.Select(i => new ChartPoint(i.AtSeconds, i.AcceptedPerSecond, Tooltip: Inv($"{i.AtSeconds:0.0}s: {i.AcceptedPerSecond:N0}/s, {i.Errors} errors, {i.Rejected} refused")))));
        var agents = Marked(new SvgChart("Agents taking part", Seconds(), ChartAxis.Linear(intervals.Select(i => (double)i.ActiveAgents), "agents"))
            .Step("agents", AgentsColour, intervals.Select(i => new ChartPoint(i.AtSeconds, i.ActiveAgents))));
        var withSamples = intervals.Where(i => i.Latency.Count > 0).ToList();
        var latency = Marked(new SvgChart("Report round-trip per second (ms)", Seconds(), ChartAxis.Linear(withSamples.SelectMany(i => new[] { i.Latency.P50Ms, i.Latency.P99Ms }), "ms"))
            .Line("p50", Median, withSamples.Select(i => new ChartPoint(i.AtSeconds, i.Latency.P50Ms)))
            .Line("p99", Tail, withSamples.Select(i => new ChartPoint(i.AtSeconds, i.Latency.P99Ms))));
        var failures = intervals.Where(i => i.Errors + i.Rejected > 0).ToList();

        var page = new StringBuilder();
        page.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
            .Append(Inv($"<title>Load campaign {H(campaign.Name)}</title>\n"))
            .Append("<style>\n").Append(HtmlReport.Css).Append("</style>\n</head>\n<body>\n<header>\n")
            .Append(Inv($"<p class=\"kicker\">ApexFleet load campaign · {H(campaign.Source)} · started {report.StartedAt.ToUniversalTime():yyyy-MM-dd HH:mm:ss} UTC</p>\n"))
            .Append(Inv($"<h1>{H(campaign.Name)}</h1>\n"))
            .Append("<dl class=\"facts\">\n");
        void Fact(string name, string value) => page.Append(Inv($"<div><dt>{H(name)}</dt><dd>{H(value)}</dd></div>\n"));
        Fact("Target", Inv($"{load.Transport} {load.Target}, {load.Connections} connection(s)"));
        Fact("Agents", Inv($"up to {load.Agents:N0}, {(load.Inference ? "ONNX inference per report" : "no inference")}, a report every {load.IntervalSeconds:0.###} s"));
        Fact("Accepted", Inv($"{load.Accepted:N0} ({load.AcceptedPerSecond:N0}/s over {load.MeasuredSeconds:0.0} s)"));
        Fact("Refused / failed", Inv($"{load.Rejected:N0} / {load.Errors:N0}"));
        Fact("Round-trip p50 / p95 / p99 / max", Inv($"{load.Latency.P50Ms:0.00} / {load.Latency.P95Ms:0.00} / {load.Latency.P99Ms:0.00} / {load.Latency.MaxMs:0.00} ms"));
        page.Append("</dl>\n</header>\n<main>\n");
        foreach (var chart in new[] { throughput, latency, agents })
        {
            page.Append("<section>\n").Append(chart.Render()).Append("\n</section>\n");
        }

        if (load.ErrorsByKind.Count > 0)
        {
            page.Append("<section>\n<h2>Refusals and failures by kind</h2>\n<table>\n<thead><tr><th>kind</th><th>count</th></tr></thead>\n<tbody>\n");
            foreach (var (kind, count) in load.ErrorsByKind)
            {
                page.Append(Inv($"<tr><td>{H(kind)}</td><td class=\"num\">{count:N0}</td></tr>\n"));
            }

            page.Append(Inv($"</tbody>\n</table>\n<p>In {failures.Count} of {intervals.Count} seconds.</p>\n</section>\n"));
        }

        page.Append("<section>\n<h2>What happened</h2>\n<table>\n<thead><tr><th>+s</th><th>event</th><th>what</th><th>detail</th></tr></thead>\n<tbody>\n");
        foreach (var e in report.Events)
        {
            page.Append(Inv($"<tr><td class=\"num\">{e.AtSeconds:0.0}</td><td>{e.Kind}</td><td>{H(e.What)}</td><td>{H(e.Detail)}</td></tr>\n"));
        }

        page.Append("</tbody>\n</table>\n</section>\n</main>\n</body>\n</html>\n");
        return page.ToString();
    }

    private static string DecisionColour(string decision) =>
        decision.Contains("Rollback", StringComparison.OrdinalIgnoreCase) || decision.Contains("RolledBack", StringComparison.OrdinalIgnoreCase) || decision.Contains("Abort", StringComparison.OrdinalIgnoreCase)
            ? Bad
            : decision.Contains("Advance", StringComparison.OrdinalIgnoreCase) || decision.Contains("Complete", StringComparison.OrdinalIgnoreCase) ? Good : Neutral;

    private static string H(string text) => WebUtility.HtmlEncode(text);

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
