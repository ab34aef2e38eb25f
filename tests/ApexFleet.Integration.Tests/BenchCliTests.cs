using System.Text.Json;
using ApexFleet.Integration.Tests.Support;

namespace ApexFleet.Integration.Tests;

/// <summary>`apexfleet bench fleet` on a small fleet: the JSON figures the simulator issue asks for, consistent with each other.</summary>
public class BenchCliTests
{
    [Fact]
    public async Task Bench_fleet_rolls_out_to_every_device_and_writes_consistent_figures()
    {
        var json = Path.Combine(Path.GetTempPath(), $"apexfleet-bench-{Guid.NewGuid():N}.json");
        try
        {
            var result = await CliProcess.RunAsync("bench", "fleet", "--devices", "3000", "--json", json);

            Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
            Assert.Contains("calls/s", result.Stdout, StringComparison.Ordinal);
            using var figures = JsonDocument.Parse(await File.ReadAllTextAsync(json));
            var root = figures.RootElement;
            Assert.Equal(3000, root.GetProperty("devices").GetInt32());
            Assert.True(root.GetProperty("completed").GetBoolean());
            Assert.Equal("Completed", root.GetProperty("finalPhase").GetString());

            // Every device reports once per tick; the ratio is the two rates measured in this run.
            var ticks = root.GetProperty("ticks").GetInt32();
            Assert.Equal(3000L * ticks, root.GetProperty("reports").GetInt64());
            var telemetry = root.GetProperty("telemetryPerSecond").GetDouble();
            var raw = root.GetProperty("rawCallsPerSecond").GetDouble();
            Assert.True(telemetry > 0 && raw > 0, $"telemetry {telemetry}, raw {raw}");
            Assert.Equal(telemetry / raw, root.GetProperty("ratio").GetDouble(), 12);
            Assert.True(root.GetProperty("activationsPerSecond").GetDouble() > 0);
            Assert.Equal(
                (double)root.GetProperty("stateWrites").GetInt64() / root.GetProperty("reports").GetInt64(),
                root.GetProperty("stateWritesPerReport").GetDouble(),
                12);
            foreach (var memory in new[] { "rssBytesPerDevice", "rssWithGcHeadroomBytesPerDevice", "managedBytesPerDevice" })
            {
                Assert.Equal(JsonValueKind.Number, root.GetProperty(memory).ValueKind);
            }
        }
        finally
        {
            File.Delete(json);
        }
    }
}
