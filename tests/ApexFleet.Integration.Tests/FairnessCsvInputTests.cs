using System.Text;
using System.Text.Json;
using ApexFleet.Integration.Tests.Support;

namespace ApexFleet.Integration.Tests;

/// <summary>How `apexfleet fairness` reads its predictions CSV: RFC 4180 quoting, one record per line, errors by row and column.</summary>
public class FairnessCsvInputTests
{
    [Fact]
    public async Task Quoted_fields_padding_blank_lines_crlf_and_a_byte_order_mark_read_as_plain_values()
    {
        var path = await WriteCsv("\uFEFFy_true, \"y_pred\" ,group\r\n1,1,\"north, coast\"\r\n\r\n   \r\n \"0\" ,0,\"north, coast\"\r\n1,\t0 ,\"say \"\"south\"\"\"\r\n");

        var result = await CliProcess.RunAsync("fairness", "--predictions", path, "--json");

        Assert.True(result.ExitCode == 0, result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        var selection = json.RootElement.GetProperty("selection_rate");
        Assert.Equal(["north, coast", "say \"south\""], selection.EnumerateObject().Select(p => p.Name));
        Assert.Equal(0.5, selection.GetProperty("north, coast").GetDouble());
        Assert.Equal(0.0, selection.GetProperty("say \"south\"").GetDouble());
        File.Delete(path);
    }

    [Fact]
    public async Task Rows_count_every_line_so_an_error_names_the_row_a_spreadsheet_shows()
    {
        var path = await WriteCsv("y_true,y_pred,group\n1,0,a\n\n\n0,1,\n");

        var result = await CliProcess.RunAsync("fairness", "--predictions", path);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: {Path.GetFileName(path)} row 5, column 'group': empty value", result.Stderr.Trim());
        File.Delete(path);
    }

    [Fact]
    public async Task A_quote_left_open_names_its_row_and_column_and_does_not_swallow_the_next_line()
    {
        var path = await WriteCsv("y_true,y_pred,group\n1,0,a\n0,\"1,b\n1,1,a\n");

        var result = await CliProcess.RunAsync("fairness", "--predictions", path);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: {Path.GetFileName(path)} row 3, column 2: a quoted field is not closed", result.Stderr.Trim());
        File.Delete(path);
    }

    [Fact]
    public async Task A_stray_quote_is_refused_rather_than_read_as_a_guess()
    {
        var path = await WriteCsv("y_true,y_pred,group\n1,0,a\n0,1,5\" screens\n");

        var result = await CliProcess.RunAsync("fairness", "--predictions", path);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"error: {Path.GetFileName(path)} row 3: a quote inside an unquoted field", result.Stderr, StringComparison.Ordinal);
        File.Delete(path);
    }

    [Theory]
    [InlineData("", "is empty: it needs a header row")]
    [InlineData("y_true,y_pred,group\n", "has a header but no rows")]
    [InlineData("y_true,y_pred,group,y_pred\n1,0,a,1\n", "row 1: the column 'y_pred' appears twice")]
    [InlineData("y_true,y_pred,group\n1,0,a,extra\n", "row 2, column 4: unexpected (4 fields, the header has 3)")]
    [InlineData("y_true,y_pred,group\n1, ,a\n", "row 2, column 'y_pred': empty value")]
    public async Task Every_other_problem_keeps_its_message(string content, string message)
    {
        var path = await WriteCsv(content);

        var result = await CliProcess.RunAsync("fairness", "--predictions", path);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: {Path.GetFileName(path)} {message}", result.Stderr.Trim());
        File.Delete(path);
    }

    private static async Task<string> WriteCsv(string content)
    {
        var path = Path.Combine(Path.GetTempPath(), $"predictions-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(path, content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return path;
    }
}
