using System.Text.Json.Nodes;
using ApexFleet.Domain.Fairness;

namespace ApexFleet.Cli.Output;

/// <summary>
/// A fairness report as JSON under Fairlearn's and AIF360's own names, so that numbers can be compared
/// with either library key for key. Undefined values (a rate over no examples) are null.
/// </summary>
public static class FairnessJson
{
    public static JsonObject Of(FairnessReport report)
    {
        var json = new JsonObject
        {
            ["group_size"] = ByGroup(report, c => c.Total),
            ["selection_rate"] = ByGroup(report, c => c.SelectionRate),
            ["true_positive_rate"] = ByGroup(report, c => c.TruePositiveRate),
            ["false_positive_rate"] = ByGroup(report, c => c.FalsePositiveRate),
            ["overall"] = new JsonObject
            {
                ["group_size"] = report.Overall.Total,
                ["selection_rate"] = Number(report.Overall.SelectionRate),
                ["true_positive_rate"] = Number(report.Overall.TruePositiveRate),
                ["false_positive_rate"] = Number(report.Overall.FalsePositiveRate),
            },
        };
        AddDisparities(json, report.BetweenGroups);
        var toOverall = new JsonObject();
        AddDisparities(toOverall, report.ToOverall);
        json["to_overall"] = toOverall;
        if (report.Privileged is { } privileged)
        {
            json["privileged_group"] = privileged.Privileged;
            json["statistical_parity_difference"] = Number(privileged.StatisticalParityDifference);
            json["disparate_impact"] = Number(privileged.DisparateImpact);
            json["average_odds_difference"] = Number(privileged.AverageOddsDifference);
        }

        return json;
    }

    private static void AddDisparities(JsonObject json, DisparitySummary summary)
    {
        json["demographic_parity_difference"] = Number(summary.DemographicParityDifference);
        json["demographic_parity_ratio"] = Number(summary.DemographicParityRatio);
        json["equalized_odds_difference"] = Number(summary.EqualizedOddsDifference);
        json["equalized_odds_ratio"] = Number(summary.EqualizedOddsRatio);
        json["equal_opportunity_difference"] = Number(summary.EqualOpportunityDifference);
        json["equal_opportunity_ratio"] = Number(summary.EqualOpportunityRatio);
    }

    private static JsonObject ByGroup(FairnessReport report, Func<ConfusionCounts, double> value)
    {
        var json = new JsonObject();
        foreach (var (group, counts) in report.Groups)
        {
            json[group] = Number(value(counts));
        }

        return json;
    }

    private static JsonObject ByGroup(FairnessReport report, Func<ConfusionCounts, long> value)
    {
        var json = new JsonObject();
        foreach (var (group, counts) in report.Groups)
        {
            json[group] = value(counts);
        }

        return json;
    }

    private static JsonNode? Number(double value) => double.IsFinite(value) ? JsonValue.Create(value) : null;
}
