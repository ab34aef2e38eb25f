using System.Globalization;
using System.Net;
using System.Text;
using ApexFleet.Simulator.Running;
using ApexFleet.Simulator.Scenarios;
using Spectre.Console;

namespace ApexFleet.Cli.Output;

/// <summary>The strategy comparison as a release engineer reads it: one row per strategy, same worlds.</summary>
public static class ComparisonTable
{
    private static readonly string[] Columns =
    [
        "Strategy", "Runs", "Reached 100 %", "Median h to 100 %", "Faulty runs caught", "Missed faults", "Exposure at catch",
        "h to catch", "Device-h on faulty", "False rollbacks (clean)", "Decisions per cohort",
    ];

    public static IEnumerable<string[]> Rows(IEnumerable<StrategySummary> summaries) => summaries.Select(s => new[]
    {
        s.Strategy,
        Inv($"{s.Runs}"),
        Inv($"{s.Completed}/{s.Runs}"),
        s.MedianHoursTo100 is { } h ? Inv($"{h:0.0}") : "-",
        s.FaultyRuns == 0 ? "-" : Inv($"{s.Caught}/{s.FaultyRuns}"),
        s.FaultyRuns == 0 ? "-" : Inv($"{s.Missed}"),
        s.MeanExposedShareAtCatch is { } share ? Inv($"{share:P1}") : "-",
        s.MeanHoursToCatch is { } catchHours ? Inv($"{catchHours:0.0}") : "-",
        s.FaultyRuns == 0 ? "-" : Inv($"{s.MeanExposedDeviceHours:N0}"),
        s.CleanRuns == 0 ? "-" : Inv($"{s.FalseRollbacks}/{s.CleanRuns}"),
        Inv($"{s.MeanCohortDecisions:0.0}"),
    });

    public static void Print(Scenario world, IReadOnlyList<ulong> seeds, IReadOnlyList<StrategySummary> summaries)
    {
        var console = AnsiConsole.Console;
        if (Console.IsOutputRedirected)
        {
            console.Profile.Width = 200;
        }

        var table = new Table().Title(Markup.Escape($"{world.Name}: {world.Fleet.Devices:N0} devices, {seeds.Count} seeds ({seeds[0]}..{seeds[^1]})")).AddColumns(Columns);
        foreach (var row in Rows(summaries))
        {
            table.AddRow([.. row.Select(Markup.Escape)]);
        }

        console.Write(table);
        foreach (var s in summaries.Where(s => s.RollbacksByCohort.Count > 0))
        {
            console.MarkupLine(Markup.Escape($"{s.Strategy}: cohorts rolled back (runs): {string.Join(", ", s.RollbacksByCohort.Select(kv => $"{kv.Key} {kv.Value}"))}"));
        }
    }

    public static string Html(Scenario world, IReadOnlyList<ulong> seeds, IReadOnlyList<StrategySummary> summaries)
    {
        var page = new StringBuilder("<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>Strategy comparison</title>")
            .Append("<style>body{font-family:sans-serif}td,th{padding:4px 8px;border-bottom:1px solid #ddd;text-align:right}th:first-child,td:first-child{text-align:left}</style></head><body>\n")
            .Append(Inv($"<h1>{H(world.Name)}: {world.Fleet.Devices:N0} devices, {seeds.Count} seeds</h1>\n<table><thead><tr>"));
        page.Append(string.Concat(Columns.Select(c => $"<th>{H(c)}</th>"))).Append("</tr></thead><tbody>\n");
        foreach (var row in Rows(summaries))
        {
            page.Append("<tr>").Append(string.Concat(row.Select(c => $"<td>{H(c)}</td>"))).Append("</tr>\n");
        }

        return page.Append("</tbody></table></body></html>\n").ToString();
    }

    private static string H(string text) => WebUtility.HtmlEncode(text);

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
