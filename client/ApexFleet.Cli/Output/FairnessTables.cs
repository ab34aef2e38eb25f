using System.Globalization;
using ApexFleet.Domain.Fairness;
using Spectre.Console;

namespace ApexFleet.Cli.Output;

/// <summary>A fairness report on a console: rates per group with Wilson intervals, then the disparities.</summary>
public static class FairnessTables
{
    public static void Print(FairnessReport report, long minGroupSize)
    {
        var groups = new Table().Title("Rates per group")
            .Caption(Markup.Escape("TPR: true positive rate, FPR: false positive rate; [95% Wilson interval]"))
            .AddColumns("Group", "Rows", "Positives", "Selection", "TPR", "FPR");
        foreach (var (group, counts) in report.Groups)
        {
            GroupRow(groups, Markup.Escape(group), counts);
        }

        GroupRow(groups, "[bold]overall[/]", report.Overall);
        AnsiConsole.Write(groups);

        var disparities = new Table().Title("Disparities (Fairlearn)").AddColumns("Metric", "Between groups", "To overall", "Fair at");
        Disparity(disparities, "demographic parity difference", report.BetweenGroups.DemographicParityDifference, report.ToOverall.DemographicParityDifference, "0");
        Disparity(disparities, "demographic parity ratio", report.BetweenGroups.DemographicParityRatio, report.ToOverall.DemographicParityRatio, "1");
        Disparity(disparities, "equalized odds difference", report.BetweenGroups.EqualizedOddsDifference, report.ToOverall.EqualizedOddsDifference, "0");
        Disparity(disparities, "equalized odds ratio", report.BetweenGroups.EqualizedOddsRatio, report.ToOverall.EqualizedOddsRatio, "1");
        Disparity(disparities, "equal opportunity difference", report.BetweenGroups.EqualOpportunityDifference, report.ToOverall.EqualOpportunityDifference, "0");
        Disparity(disparities, "equal opportunity ratio", report.BetweenGroups.EqualOpportunityRatio, report.ToOverall.EqualOpportunityRatio, "1");
        AnsiConsole.Write(disparities);

        if (report.Privileged is { } p)
        {
            var privileged = new Table()
                .Title(Markup.Escape($"Against the privileged group '{p.Privileged}' (AIF360: every other group pooled, unprivileged − or / privileged)"))
                .AddColumns("Metric", "Value", "Fair at");
            privileged.AddRow("statistical parity difference", Number(p.StatisticalParityDifference), "0");
            privileged.AddRow("disparate impact", Number(p.DisparateImpact), p.MeetsFourFifthsRule ? "1 (meets the four-fifths rule)" : "1 ([red]below four fifths[/])");
            privileged.AddRow("equal opportunity difference", Number(p.EqualOpportunityDifference), "0");
            privileged.AddRow("average odds difference", Number(p.AverageOddsDifference), "0");
            AnsiConsole.Write(privileged);
        }

        var small = Enum.GetValues<FairnessRate>()
            .Select(rate => (rate, groups: GroupSize.TooSmall(report.Groups, rate, minGroupSize)))
            .Where(s => s.groups.Count > 0)
            .Select(s => $"{Describe(s.rate)} in {string.Join(", ", s.groups)}")
            .ToList();
        if (small.Count > 0)
        {
            AnsiConsole.MarkupLine(Markup.Escape(
                $"note: fewer than {minGroupSize} examples behind the {string.Join("; ", small)}: read these rates with their intervals"));
        }
    }

    private static void GroupRow(Table table, string name, ConfusionCounts c) => table.AddRow(
        name,
        $"{c.Total:N0}",
        $"{c.Positives:N0}",
        WithInterval(c.SelectionRate, c.PredictedPositives, c.Total),
        WithInterval(c.TruePositiveRate, c.TruePositives, c.Positives),
        WithInterval(c.FalsePositiveRate, c.FalsePositives, c.Negatives));

    private static string WithInterval(double rate, long successes, long trials)
    {
        if (trials == 0)
        {
            return "–";
        }

        var interval = RateInterval.Wilson(successes, trials);
        return Markup.Escape($"{Number(rate)}\n[{Number(interval.Lower)}, {Number(interval.Upper)}]");
    }

    private static void Disparity(Table table, string metric, double betweenGroups, double toOverall, string fair) =>
        table.AddRow(metric, Number(betweenGroups), Number(toOverall), fair);

    private static string Number(double value) => double.IsFinite(value) ? value.ToString("0.###", CultureInfo.InvariantCulture) : "–";

    private static string Describe(FairnessRate rate) => rate switch
    {
        FairnessRate.SelectionRate => "selection rate",
        FairnessRate.TruePositiveRate => "true positive rate",
        _ => "false positive rate",
    };
}
