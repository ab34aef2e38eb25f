using ApexFleet.Abstractions.Cost;
using ApexFleet.Cli.Output;
using ApexFleet.Domain.FinOps;
using ApexFleet.Domain.Fleet;
using ApexFleet.Simulator.Running;

namespace ApexFleet.Integration.Tests;

public partial class HtmlReportTests
{
    private static SimulationResult WithCost()
    {
        var line = new SpendLine("snapdragon-660", Precision.Int8, SpendRole.Target, 2_000_000_000, 0, 100, 10_000, 0, 1000, 1000, 0.50, 0.04, 0.01);
        var canary = new ForecastView
        {
            StageIndex = 0,
            Stage = "canary",
            RolloutUsd = new(12.3, 10, 14.6),
            EgressUsd = new(12, 10, 14),
            RolloutFallbackUsd = new(0.3, 0, 0.6),
            MonthlyUsd = new(120, 100, 140),
            FallbackRate = new(0.01, 0.005, 0.015),
            BytesPerDevice = 2_500_000,
            DeltaShare = 0.25,
            ReachDevices = 3000,
            InferencesPerDeviceHour = 26.44,
            DeviceHoursMeasured = 1234.6,
        };
        var cost = new RolloutCost
        {
            DeploymentId = "classifier-2-0-0",
            Model = "image-classifier",
            Labels = new Dictionary<string, string> { ["namespace"] = "retail", ["team"] = Hostile, ["cost-center"] = "cc-1" },
            Lines = [line],
            EgressUsd = 0.50,
            FallbackUsd = 0.04,
            EnergyUsd = 0.01,
            StageForecasts = [canary],
            BudgetRolloutUsd = 20,
        };
        var now = canary with { StageIndex = 3, Stage = "everyone", InferencesPerDeviceHour = 30.04, DeviceHoursMeasured = 45_000 };
        return Sample() with { Cost = cost, CostAtCompletion = cost with { TargetEgressUsd = 11.5, TargetFallbackUsd = 0.25, Forecast = now } };
    }

    [Fact]
    public void The_cost_section_shows_spend_under_every_label_and_the_forecast_per_stage_with_its_interval()
    {
        var html = Parse(HtmlReport.Render(WithCost())).Root!;

        var tables = Elements(html, "table").Where(t => Class(t) == "cost").ToList();
        Assert.Equal(2, tables.Count);
        var spend = Rows(tables[0]).Select(r => string.Join("|", r.Elements().Take(5).Select(c => c.Value))).ToList();
        Assert.Equal(
        [
            $"team|{Hostile}|0.50|0.04|0.54", "cost-center|cc-1|0.50|0.04|0.54", "namespace|retail|0.50|0.04|0.54",
            "model|image-classifier|0.50|0.04|0.54", "cohort|snapdragon-660|0.50|0.04|0.54", "variant|INT8|0.50|0.04|0.54",
        ], spend);
        var forecast = Assert.Single(Rows(tables[1]));
        Assert.Equal(
            ["1 canary", "12.30 (10.00–14.60)", "12.00 (10.00–14.00)", "0.30 (0.00–0.60)", "120.00 (100.00–140.00)", "1.00 % (0.50 %–1.50 %)", "26.4", "1,234", "2.50", "25 %", "3,000"],
            forecast.Elements().Select(c => c.Value));
        var spent = tables[1].Elements().Single(e => e.Name.LocalName == "tfoot").Elements().Single();
        Assert.Equal(["spent at completion", "11.75", "11.50", "0.25", "", "", "30.0", "45,000"], spent.Elements().Take(8).Select(c => c.Value));
    }

    [Fact]
    public void The_json_report_carries_the_same_spend_by_label()
    {
        var result = WithCost();

        Assert.Equal(["team", "cost-center", "namespace", "model", "cohort", "variant"], result.SpendBy.Keys);
        var row = Assert.Single(result.SpendBy["cost-center"]);
        Assert.Equal(("cc-1", 0.54, 2_000_000_000L), (row.Key, Math.Round(row.Cost.OperatorUsd, 12), row.Bytes));
        var json = System.Text.Json.Nodes.JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(result, ReportJson.Options))!;
        Assert.Equal("cc-1", (string?)json["spendBy"]!["cost-center"]![0]!["key"]);
        Assert.Equal(0.54, (double)json["spendBy"]!["cost-center"]![0]!["cost"]!["operatorUsd"]!, 12);
        var canary = json["cost"]!["stageForecasts"]![0]!;
        Assert.Equal(("canary", 10.0, 14.6), ((string?)canary["stage"], (double)canary["rolloutUsd"]!["low"]!, (double)canary["rolloutUsd"]!["high"]!));
    }
}
