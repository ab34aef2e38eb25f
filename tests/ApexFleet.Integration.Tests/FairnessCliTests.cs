using System.Text;
using System.Text.Json;
using ApexFleet.Integration.Tests.Support;

namespace ApexFleet.Integration.Tests;

/// <summary>`apexfleet fairness` as a user runs it, on the reference vectors of Fairlearn and AIF360 (docs/REFERENCES.md [R10], [R11]).</summary>
public class FairnessCliTests
{
    // Fractions of small integers after one subtraction or division: last-bit rounding only.
    private const double Exact = 1e-15;

    private static readonly string FairlearnVector = CliProcess.RepoFile("examples", "fairness", "fairlearn-vector.csv");

    [Fact]
    public async Task Json_on_the_fairlearn_vector_gives_the_reference_numbers_under_fairlearn_and_aif360_names()
    {
        var result = await CliProcess.RunAsync("fairness", "--predictions", FairlearnVector,
            "--group-column", "group", "--label-column", "y_true", "--prediction-column", "y_pred", "--privileged", "a", "--json");

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        void Rates(string key, double a, double b, double c)
        {
            var byGroup = root.GetProperty(key);
            Assert.Equal(a, byGroup.GetProperty("a").GetDouble(), Exact);
            Assert.Equal(b, byGroup.GetProperty("b").GetDouble(), Exact);
            Assert.Equal(c, byGroup.GetProperty("c").GetDouble(), Exact);
        }

        double Value(string key) => root.GetProperty(key).GetDouble();

        Rates("selection_rate", 3.0 / 4, 1.0 / 2, 1.0 / 2);
        Rates("true_positive_rate", 1.0 / 2, 3.0 / 5, 2.0 / 5);
        Rates("false_positive_rate", 1, 0, 2.0 / 3);
        Assert.Equal(0.25, Value("demographic_parity_difference"), Exact);
        Assert.Equal(2.0 / 3, Value("demographic_parity_ratio"), Exact);
        Assert.Equal(1.0, Value("equalized_odds_difference"), Exact);
        Assert.Equal(0.0, Value("equalized_odds_ratio"), Exact);
        Assert.Equal(0.2, Value("equal_opportunity_difference"), Exact);
        Assert.Equal(2.0 / 3, Value("equal_opportunity_ratio"), Exact);
        Assert.Equal(7.0 / 36, root.GetProperty("to_overall").GetProperty("demographic_parity_difference").GetDouble(), Exact);
        Assert.Equal(20.0 / 27, root.GetProperty("to_overall").GetProperty("demographic_parity_ratio").GetDouble(), Exact);
        Assert.Equal(-0.25, Value("statistical_parity_difference"), Exact);
        Assert.Equal(2.0 / 3, Value("disparate_impact"), Exact);
        Assert.Equal(-0.25, Value("average_odds_difference"), Exact);
    }

    [Fact]
    public async Task Without_privileged_there_are_no_aif360_keys()
    {
        var result = await CliProcess.RunAsync("fairness", "--predictions", FairlearnVector, "--json");

        Assert.True(result.ExitCode == 0, result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.False(json.RootElement.TryGetProperty("statistical_parity_difference", out _));
        Assert.Equal(0.25, json.RootElement.GetProperty("demographic_parity_difference").GetDouble(), Exact);
    }

    [Fact]
    public async Task The_aif360_counts_vector_as_rows_gives_the_reference_statistical_parity_difference()
    {
        // Label-only data (prediction = label): 15119/6660 favourable/unfavourable in the privileged
        // group, 9585/1177 in the other; AIF360 gives 0.19643287553870947.
        var path = Path.Combine(Path.GetTempPath(), $"aif360-{Guid.NewGuid():N}.csv");
        var csv = new StringBuilder("label,prediction,sex\n");
        void Rows(string group, string label, int count)
        {
            for (var i = 0; i < count; i++)
            {
                csv.Append(label).Append(',').Append(label).Append(',').Append(group).Append('\n');
            }
        }

        Rows("privileged", "1", 15119);
        Rows("privileged", "0", 6660);
        Rows("unprivileged", "1", 9585);
        Rows("unprivileged", "0", 1177);
        await File.WriteAllTextAsync(path, csv.ToString());

        var result = await CliProcess.RunAsync("fairness", "--predictions", path,
            "--group-column", "sex", "--label-column", "label", "--prediction-column", "prediction", "--privileged", "privileged", "--json");

        Assert.True(result.ExitCode == 0, result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal(0.19643287553870947, json.RootElement.GetProperty("statistical_parity_difference").GetDouble());
        Assert.Equal(1.283, json.RootElement.GetProperty("disparate_impact").GetDouble(), 0.0005);
        // The base rate: everyone's selection rate when predictions are the labels (reference: 0.7591653606219844).
        Assert.Equal(0.7591653606219844, json.RootElement.GetProperty("overall").GetProperty("selection_rate").GetDouble(), 1e-15);
        File.Delete(path);
    }

    [Fact]
    public async Task A_value_that_is_not_a_label_is_refused_with_its_row_and_column()
    {
        var path = await WriteCsv("y_true,y_pred,group\n1,0,a\n0,1,b\n1,maybe,a\n");

        var result = await CliProcess.RunAsync("fairness", "--predictions", path);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith(
            $"error: {Path.GetFileName(path)} row 4, column 'y_pred': 'maybe' is neither the positive label '1' nor the negative label '0'",
            result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        File.Delete(path);
    }

    [Fact]
    public async Task A_short_row_names_the_missing_column()
    {
        var path = await WriteCsv("y_true,y_pred,group\n1,0,a\n0,1\n");

        var result = await CliProcess.RunAsync("fairness", "--predictions", path);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: {Path.GetFileName(path)} row 3, column 'group': missing (2 fields, the header has 3)", result.Stderr.Trim());
        File.Delete(path);
    }

    [Fact]
    public async Task A_missing_column_is_named_with_the_columns_there_are()
    {
        var result = await CliProcess.RunAsync("fairness", "--predictions", FairlearnVector, "--group-column", "region");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: fairlearn-vector.csv has no column 'region' (columns: y_true, y_pred, group)", result.Stderr.Trim());
    }

    [Fact]
    public async Task Without_json_the_tables_show_the_metrics()
    {
        var result = await CliProcess.RunAsync("fairness", "--predictions", FairlearnVector, "--privileged", "a");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("demographic parity difference │ 0.25", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("disparate impact", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("below four fifths", result.Stdout, StringComparison.Ordinal);
    }

    private static async Task<string> WriteCsv(string content)
    {
        var path = Path.Combine(Path.GetTempPath(), $"predictions-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(path, content);
        return path;
    }
}
