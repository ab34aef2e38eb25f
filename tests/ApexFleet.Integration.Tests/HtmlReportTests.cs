using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using ApexFleet.Abstractions.Cohorts;
using ApexFleet.Abstractions.Deployments;
using ApexFleet.Cli.Output;
using ApexFleet.Domain.Rollout;
using ApexFleet.Simulator.Running;

namespace ApexFleet.Integration.Tests;

/// <summary>The HTML report of a simulated rollout, rendered from a hand-built result with hostile strings and missing values.</summary>
public partial class HtmlReportTests
{
    private const string Hostile = "<script>alert(1)</script>";
    private const string Scenario = "latency \"regression\" & <friends> 'quoted'";
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 6, 0, 0, TimeSpan.Zero);
    private static readonly string[] CohortNames = ["snapdragon-660", "snapdragon-8-gen-3", Hostile];

    [Fact]
    public void The_page_is_one_well_formed_html_document_without_script()
    {
        var page = HtmlReport.Render(Sample());

        Assert.StartsWith("<!DOCTYPE html>", page, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(page, "<html\\b"));
        Assert.Single(Regex.Matches(page, "</html>"));
        Assert.Equal(Regex.Count(page, "<svg\\b"), Regex.Count(page, "</svg>"));
        var html = Parse(page).Root!;
        Assert.Equal("html", html.Name.LocalName);
        Assert.Equal(["head", "body"], html.Elements().Select(e => e.Name.LocalName));
        Assert.DoesNotContain(html.Descendants(), e => e.Name.LocalName is "script" or "link" or "img" or "iframe");
        Assert.DoesNotContain("http://", page.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("https://", page, StringComparison.Ordinal);
    }

    [Fact]
    public void The_page_shows_the_final_decision_every_cohort_and_every_audited_decision()
    {
        var result = Sample();
        var html = Parse(HtmlReport.Render(result)).Root!;

        var verdict = Elements(html, "p").Single(p => Class(p) == "verdict");
        Assert.Equal("Completed", Elements(verdict, "span").First().Value);
        Assert.Equal("decision good", Class(Elements(verdict, "span").First()));

        var cohortRows = Rows(Table(html, "cohorts"));
        Assert.Equal(CohortNames.Order(StringComparer.Ordinal), cohortRows.Select(r => r.Elements().First().Value));
        var rolledBack = Assert.Single(cohortRows, r => Class(r) == "rolled-back");
        Assert.Equal(Hostile, rolledBack.Elements().First().Value);

        var decisions = Rows(Table(html, "decisions"));
        Assert.Equal(result.Audit.Select(a => a.Decision), decisions.Select(r => Elements(r, "span").Single(s => Class(s)!.StartsWith("decision", StringComparison.Ordinal)).Value));
        Assert.Equal(result.Audit.Select(a => a.Reason), decisions.Select(r => r.Elements().ElementAt(4).Nodes().OfType<XText>().First().Value));
    }

    [Fact]
    public void There_is_an_exposure_chart_and_one_chart_per_gate_metric()
    {
        var html = Parse(HtmlReport.Render(Sample())).Root!;

        var charts = Elements(html, "svg").ToList();
        Assert.Equal(3, charts.Count);
        Assert.Equal(["latency_p95_ms", "crash_rate"], charts.Select(c => c.Attribute("data-metric")?.Value).OfType<string>());
        var exposure = string.Join("|", Elements(charts[0], "text").Select(t => t.Value));
        Assert.Contains("canary 1%", exposure, StringComparison.Ordinal);
        Assert.Contains("everyone 100%", exposure, StringComparison.Ordinal);
        Assert.Contains($"rollback: {Hostile}", exposure, StringComparison.Ordinal);
        Assert.Contains("threshold ≤ 40", string.Join("|", Elements(charts[1], "text").Select(t => t.Value)), StringComparison.Ordinal);
    }

    [Fact]
    public void Strings_from_the_data_are_escaped_and_read_back_unchanged()
    {
        var page = HtmlReport.Render(Sample());
        var html = Parse(page).Root!;

        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<friends>", page, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", page, StringComparison.Ordinal);
        Assert.StartsWith(Scenario + ":", Elements(html, "h1").Single().Value, StringComparison.Ordinal);
        Assert.Contains(Elements(html, "td").Select(td => td.Value), v => v.StartsWith("reason with <b>markup</b> & 'quotes'", StringComparison.Ordinal));
        Assert.Contains(Elements(html, "text"), t => t.Value == Hostile);
    }

    [Fact]
    public void Nan_observations_are_skipped_and_never_reach_a_coordinate()
    {
        var result = Sample();
        var page = HtmlReport.Render(result);
        var charts = Elements(Parse(page).Root!, "svg").ToList();

        foreach (var attribute in charts.SelectMany(c => c.DescendantsAndSelf()).SelectMany(e => e.Attributes()))
        {
            if (attribute.Name.LocalName is "x" or "y" or "x1" or "x2" or "y1" or "y2" or "cx" or "cy" or "r" or "points" or "viewBox" or "transform")
            {
                Assert.DoesNotMatch("NaN|Infinity|∞", attribute.Value);
                Assert.All(NumberPattern().Matches(attribute.Value), m => Assert.True(double.IsFinite(double.Parse(m.Value, CultureInfo.InvariantCulture))));
            }
        }

        // One hoverable point per finite observation: the NaN ones are left out, not drawn at 0.
        var latency = charts.Single(c => c.Attribute("data-metric")?.Value == "latency_p95_ms");
        var observations = result.Audit.SelectMany(a => a.Gates).Where(g => g.Metric == "latency_p95_ms").ToList();
        Assert.Contains(observations, g => double.IsNaN(g.Observed));
        Assert.Equal(observations.Count(g => !double.IsNaN(g.Observed)), Elements(latency, "circle").Count(c => c.Elements().Any()));
    }

    [Fact]
    public void The_same_result_gives_the_same_page_apart_from_the_timings()
    {
        var result = Sample();
        var first = HtmlReport.Render(result);
        var slower = HtmlReport.Render(result with { Timings = new SimulationTimings(TimeSpan.FromSeconds(9), TimeSpan.FromSeconds(99), 12) });

        Assert.Equal(first, HtmlReport.Render(result));
        Assert.NotEqual(first, slower);
        Assert.Equal(WithoutFooter(first), WithoutFooter(slower));
    }

    [Fact]
    public void Numbers_do_not_depend_on_the_current_culture()
    {
        var result = Sample();
        var invariant = HtmlReport.Render(result);
        var before = CultureInfo.CurrentCulture;
        var commas = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        commas.NumberFormat.NumberDecimalSeparator = ",";
        commas.NumberFormat.NumberGroupSeparator = ".";
        commas.NumberFormat.PercentDecimalSeparator = ",";
        commas.DateTimeFormat.TimeSeparator = ".";
        try
        {
            CultureInfo.CurrentCulture = commas;
            Assert.Equal(invariant, HtmlReport.Render(result));
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    [Fact]
    public void A_result_with_nothing_in_it_still_renders_a_well_formed_page()
    {
        var empty = new SimulationResult("empty", 1, 0, 0, TimeSpan.Zero, 0, new RolloutStatus { DeploymentId = "d", Phase = RolloutPhase.Progressing }, [], [], [],
            new SimulationTimings(TimeSpan.Zero, TimeSpan.Zero, 0));

        var page = HtmlReport.Render(empty);

        var html = Parse(page).Root!;
        Assert.Empty(Elements(html, "svg"));
        Assert.Equal("decision warn", Class(Elements(html, "span").First(s => s.Value == "Progressing")));
        Assert.Equal(4, Elements(html, "p").Count(p => Class(p) == "empty"));
    }

    private static SimulationResult Sample()
    {
        DateTimeOffset At(int minutes) => Start.AddMinutes(minutes);
        GateOutcome Latency(string cohort, double observed, long samples, GateVerdict verdict) => new("latency_p95_ms", ComparisonOperator.LessOrEqual, 40, 300, cohort, observed, samples, verdict);
        GateOutcome Crashes(double observed, long samples, GateVerdict verdict) => new("crash_rate", ComparisonOperator.LessOrEqual, 0.001, 2000, "fleet", observed, samples, verdict);

        var audit = new List<AuditRecord>
        {
            new(At(0), 0, "canary", "Start", "simulator", "rollout begins at stage 'canary' (1%)", [], []),
            new(At(10), 0, "canary", "Hold", "simulator", "not enough evidence yet",
                [Latency("snapdragon-660", double.NaN, 0, GateVerdict.Inconclusive), Latency("snapdragon-8-gen-3", 31.5, 120, GateVerdict.Inconclusive), Crashes(double.NaN, 0, GateVerdict.Inconclusive)], []),
            new(At(40), 1, "half", "Advance", "simulator", "every gate passed for 30m",
                [Latency("snapdragon-660", 38.2, 400, GateVerdict.Pass), Latency("snapdragon-8-gen-3", 30.9, 900, GateVerdict.Pass), Latency(Hostile, 36, 350, GateVerdict.Pass), Crashes(0.0000213, 5400, GateVerdict.Pass)], []),
            new(At(60), 1, "half", "RollbackCohorts", "simulator", "reason with <b>markup</b> & 'quotes'",
                [Latency("snapdragon-660", 37.9, 1800, GateVerdict.Pass), Latency("snapdragon-8-gen-3", 31.1, 4000, GateVerdict.Pass), Latency(Hostile, 121.4, 1500, GateVerdict.Fail), Crashes(0.0000198, 21000, GateVerdict.Pass)], [Hostile]),
            new(At(120), 2, "everyone", "Advance", "simulator", "every gate passed for 1h",
                [Latency("snapdragon-660", 38.4, 2600, GateVerdict.Pass), Latency("snapdragon-8-gen-3", double.NaN, 0, GateVerdict.Inconclusive), Crashes(0.00002, 30000, GateVerdict.Pass)], []),
            new(At(150), 2, "everyone", "Complete", "simulator", "every gate passed for 30m",
                [Latency("snapdragon-660", 38.1, 5200, GateVerdict.Pass), Latency("snapdragon-8-gen-3", 30.7, 9000, GateVerdict.Pass)], []),
        };

        var timeline = Enumerable.Range(1, 18).Select(tick =>
        {
            var minutes = tick * 10;
            var (stage, percent) = minutes < 40 ? ("canary", 1.0) : minutes < 120 ? ("half", 50.0) : ("everyone", 100.0);
            var onTarget = (long)Math.Min(3000 * percent / 100, minutes * 20);
            return new TimelinePoint(tick, At(minutes), minutes >= 150 ? RolloutPhase.Completed : RolloutPhase.Progressing, stage, percent, onTarget, 3000 - onTarget);
        }).ToList();

        VariantSummary Variant(string version, double p50, double p95, long attempts, long failures) =>
            new($"image-classifier@{version}/int8", 900, 5000, 60000, p50, p95, p95 * 1.2, 3.1, 0.00002, attempts, failures);
        var cohorts = new List<CohortSnapshot>
        {
            new("snapdragon-8-gen-3", 1500, 40, [Variant("1.0.0", 12.1, 31.9, 0, 0), Variant("2.0.0", 11.8, 30.7, 1500, 7)]),
            new("snapdragon-660", 1000, 40, [Variant("1.0.0", 20.4, 38.9, 0, 0), Variant("2.0.0", 19.9, 38.1, 1000, 6)]),
            new(Hostile, 500, 40, [Variant("1.0.0", 15, 35, 0, 0), Variant("2.0.0", double.NaN, double.NaN, 0, 0)]),
        };

        var final = new RolloutStatus
        {
            DeploymentId = "classifier-2-0-0",
            Phase = RolloutPhase.Completed,
            StageIndex = 2,
            Stage = "everyone",
            StageCount = 3,
            Percent = 100,
            Model = "image-classifier",
            TargetVersion = "2.0.0",
            PreviousVersion = "1.0.0",
            ExcludedCohorts = [Hostile],
            LastDecision = "Complete: every gate passed for 30m",
            AuditEntries = audit.Count,
            HighestStageReached = 2,
            Cohorts =
            [
                new("snapdragon-660", 1000, 1000, 0, false),
                new("snapdragon-8-gen-3", 1500, 1500, 0, false),
                new(Hostile, 500, 0, 500, true),
            ],
        };

        return new SimulationResult(Scenario, 42, 3000, 18, TimeSpan.FromHours(3), 54000, final, audit, cohorts, timeline,
            new SimulationTimings(TimeSpan.FromSeconds(1.25), TimeSpan.FromSeconds(3.5), 15428.6));
    }

    /// <summary>Parses the page as XML: what is served as HTML5 here is also well-formed XHTML, so any unbalanced tag or raw '&lt;' fails.</summary>
    private static XDocument Parse(string page)
    {
        using var reader = XmlReader.Create(new StringReader(page), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        return XDocument.Load(reader);
    }

    private static IEnumerable<XElement> Elements(XElement root, string name) => root.Descendants().Where(e => e.Name.LocalName == name);

    private static XElement Table(XElement html, string cssClass) => Elements(html, "table").Single(t => Class(t) == cssClass);

    private static List<XElement> Rows(XElement table) => [.. table.Elements().Single(e => e.Name.LocalName == "tbody").Elements()];

    private static string? Class(XElement e) => e.Attribute("class")?.Value;

    private static string WithoutFooter(string page) => Regex.Replace(page, "<footer.*?</footer>", "", RegexOptions.Singleline);

    [GeneratedRegex("-?[0-9]+(\\.[0-9]+)?")]
    private static partial Regex NumberPattern();
}
