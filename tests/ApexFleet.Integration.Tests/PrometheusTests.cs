using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using ApexFleet.Abstractions.Devices;
using ApexFleet.Domain.Fleet;
using ApexFleet.Domain.Security;
using ApexFleet.Integration.Tests.Support;
using ApexFleet.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace ApexFleet.Integration.Tests;

/// <summary>A real Prometheus (Debian's, installed by the test command) scrapes a standalone silo.</summary>
public class PrometheusTests
{
    private const string Binary = "/usr/bin/prometheus";

    [Fact]
    public async Task Prometheus_scrapes_the_fleet_metrics_of_a_standalone_silo()
    {
        Assert.True(File.Exists(Binary), $"{Binary} is missing: run the tests through `./apexfleet test`, which installs it");
        var options = new FleetSiloOptions
        {
            SiloPort = FleetHost.FreePort(),
            GatewayPort = FleetHost.FreePort(),
            HttpPort = FleetHost.FreePort(),
            ClusterId = $"prom-{Guid.NewGuid():N}",
            DataDirectory = Directory.CreateTempSubdirectory("apexfleet-prom-data-").FullName,
        };
        await using var app = FleetSiloHost.BuildStandalone(options);
        await app.StartAsync();
        var device = app.Services.GetRequiredService<IGrainFactory>().GetGrain<IDeviceGrain>("prom-phone");
        var slot = new ModelSlot("prom-model", "1.0.0", Precision.Int8);
        await device.Enroll(new DeviceProfile("chip", "Chip", "low", "android", "14", "eu", "1", "north"), slot);
        for (var seq = 1; seq <= 3; seq++)
        {
            await device.Report(new TelemetryReport { Sequence = seq, At = DateTimeOffset.UnixEpoch, Running = slot, LatenciesMs = [2] });
        }

        var work = Directory.CreateTempSubdirectory("apexfleet-prom-");
        var config = (await File.ReadAllTextAsync(CliProcess.RepoFile("dashboards", "prometheus", "prometheus.yml")))
            .Replace("scrape_interval: 5s", "scrape_interval: 1s", StringComparison.Ordinal)
            .Replace("127.0.0.1:8080", $"127.0.0.1:{options.HttpPort}", StringComparison.Ordinal);
        await File.WriteAllTextAsync(Path.Combine(work.FullName, "prometheus.yml"), config);
        // The scrape authenticates as the config file says: a viewer token in the file beside it.
        await File.WriteAllTextAsync(Path.Combine(work.FullName, "apexfleet.token"), SiloTokens.For(options, FleetRole.Viewer, "prometheus"));
        var port = FleetHost.FreePort();
        var start = new ProcessStartInfo(Binary) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { $"--config.file={work.FullName}/prometheus.yml", $"--storage.tsdb.path={work.FullName}/data", $"--web.listen-address=127.0.0.1:{port}" })
        {
            start.ArgumentList.Add(arg);
        }

        using var prometheus = Process.Start(start)!;
        prometheus.ErrorDataReceived += (_, _) => { };
        prometheus.BeginErrorReadLine();
        prometheus.BeginOutputReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            // The meter is process-wide and other tests in this process report too: at least our three.
            var accepted = await PollAsync(http, "apexfleet_telemetry_accepted_total", TimeSpan.FromSeconds(60));
            Assert.True(accepted >= 3, $"Prometheus saw {accepted} accepted reports");
            Assert.Equal(1, await PollAsync(http, "up{job=\"apexfleet\"}", TimeSpan.FromSeconds(10)));
        }
        finally
        {
            prometheus.Kill(entireProcessTree: true);
            await prometheus.WaitForExitAsync();
            await app.StopAsync();
            work.Delete(recursive: true);
            Directory.Delete(options.DataDirectory, recursive: true);
        }
    }

    /// <summary>Asks Prometheus for a query's value until it has one (scrapes take a moment to land).</summary>
    private static async Task<double> PollAsync(HttpClient http, string query, TimeSpan patience)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                var answer = await http.GetFromJsonAsync<JsonElement>($"/api/v1/query?query={Uri.EscapeDataString(query)}");
                var result = answer.GetProperty("data").GetProperty("result");
                if (result.GetArrayLength() > 0)
                {
                    return double.Parse(result[0].GetProperty("value")[1].GetString()!, System.Globalization.CultureInfo.InvariantCulture);
                }
            }
            catch (HttpRequestException) when (clock.Elapsed < patience)
            {
            }

            if (clock.Elapsed > patience)
            {
                throw new TimeoutException($"Prometheus had no value for {query} after {patience.TotalSeconds} s");
            }

            await Task.Delay(250);
        }
    }
}
