using System.Text.Json;
using ApexFleet.Integration.Tests.Support;

namespace ApexFleet.Integration.Tests;

/// <summary>`./apexfleet bench gateway` end to end, small: its own silo process, four runs, figures written, no errors.</summary>
public class GatewayBenchCliTests
{
    [Fact]
    public async Task Bench_gateway_measures_raw_calls_and_telemetry_over_both_transports_without_errors()
    {
        var json = Path.Combine(Path.GetTempPath(), $"apexfleet-bench-gateway-{Guid.NewGuid():N}.json");
        try
        {
            var run = await CliProcess.RunBenchAsync("gateway", "--agents", "2000", "--connections", "2", "--seconds", "1", "--json", json);

            Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
            using var figures = JsonDocument.Parse(await File.ReadAllTextAsync(json));
            var root = figures.RootElement;
            Assert.Equal(2000, root.GetProperty("agents").GetInt32());
            Assert.Equal(2, root.GetProperty("connections").GetInt32());
            Assert.Equal(0, root.GetProperty("orleansFailures").GetInt64());
            Assert.Equal(0, root.GetProperty("httpFailures").GetInt64());
            foreach (var rate in new[] { "rawCallsPerSecond", "rawCallsPerSecondAfter", "orleansReportsPerSecond", "httpReportsPerSecond" })
            {
                Assert.True(root.GetProperty(rate).GetDouble() > 0, rate);
            }

            var baseline = Math.Max(root.GetProperty("rawCallsPerSecond").GetDouble(), root.GetProperty("rawCallsPerSecondAfter").GetDouble());
            Assert.Equal(root.GetProperty("orleansReportsPerSecond").GetDouble() / baseline, root.GetProperty("orleansRatio").GetDouble(), 9);
            Assert.Contains("telemetry (Orleans gateway)", run.Stdout);
        }
        finally
        {
            File.Delete(json);
        }
    }
}
