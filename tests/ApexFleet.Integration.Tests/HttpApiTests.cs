using ApexFleet.Domain.Fleet;
using ApexFleet.Domain.Rollout;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ApexFleet.Abstractions.Devices;
using ApexFleet.Integration.Tests.Support;
using ApexFleet.Silo.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace ApexFleet.Integration.Tests;

/// <summary>The standalone silo's HTTP side: JSON API, health, Prometheus metrics, dashboard.</summary>
public sealed class HttpApiTests : IAsyncLifetime
{
    private const string Manifest = """
        apiVersion: apexfleet.io/v1
        kind: Deployment
        metadata: { name: http-rollout }
        spec:
          model: { id: http-model, version: "2.0.0", previousVersion: "1.0.0" }
          stages:
            - { name: all, percent: 100 }
        """;

    private readonly FleetSiloOptions _options = new()
    {
        SiloPort = FleetHost.FreePort(),
        GatewayPort = FleetHost.FreePort(),
        HttpPort = FleetHost.FreePort(),
        ClusterId = $"http-{Guid.NewGuid():N}",
    };

    private WebApplication? _app;
    private HttpClient _http = new();

    public async ValueTask InitializeAsync()
    {
        _app = FleetSiloHost.BuildStandalone(_options);
        await _app.StartAsync();
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_options.HttpPort}") };
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_manifest_posted_to_the_api_starts_a_rollout_that_can_be_read_and_steered()
    {
        var started = await _http.PostAsync("/api/rollouts", new StringContent(Manifest));
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        Assert.Equal("Progressing", (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("phase").GetString());

        var status = await _http.GetFromJsonAsync<JsonElement>("/api/rollouts/http-rollout");
        Assert.Equal("http-model", status.GetProperty("model").GetString());
        Assert.Contains("http-rollout", await _http.GetFromJsonAsync<string[]>("/api/rollouts") ?? []);

        var paused = await _http.PostAsync("/api/rollouts/http-rollout/pause?actor=tester", null);
        Assert.Equal("Paused", (await paused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("phase").GetString());
        var again = await _http.PostAsync("/api/rollouts/http-rollout/pause", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.PostAsync("/api/rollouts/http-rollout/explode", null)).StatusCode);

        var audit = await _http.GetFromJsonAsync<JsonElement>("/api/rollouts/http-rollout/audit");
        Assert.Equal(["Start", "Pause"], audit.EnumerateArray().Select(a => a.GetProperty("decision").GetString() ?? "").ToArray());
        Assert.Equal("tester", audit[1].GetProperty("actor").GetString());
    }

    [Fact]
    public async Task A_broken_manifest_gets_400_with_every_error()
    {
        var response = await _http.PostAsync("/api/rollouts", new StringContent(Manifest.Replace("percent: 100", "percent: 0", StringComparison.Ordinal)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("request body:7:29: spec.stages[0].percent: must be between 0.0001 and 100 (got 0)", errors);
    }

    [Fact]
    public async Task Devices_health_metrics_and_dashboard_are_served()
    {
        var grains = _app!.Services.GetRequiredService<IGrainFactory>();
        var device = grains.GetGrain<IDeviceGrain>("http-phone");
        await device.Enroll(new DeviceProfile("chip", "Chip", "low", "android", "14", "eu", "1", "north"), new ModelSlot("http-model", "1.0.0", Precision.Fp32));
        await device.Report(new TelemetryReport { Sequence = 1, At = DateTimeOffset.UnixEpoch, Running = new ModelSlot("http-model", "1.0.0", Precision.Fp32), LatenciesMs = [4] });

        var snapshot = await _http.GetFromJsonAsync<JsonElement>("/api/devices/http-phone");
        Assert.Equal("Installed", snapshot.GetProperty("installState").GetString());
        Assert.Equal(1, snapshot.GetProperty("counters").GetProperty("reports").GetInt64());
        Assert.Equal(1, snapshot.GetProperty("counters").GetProperty("inferences").GetInt64());

        Assert.Equal("Healthy", await _http.GetStringAsync("/health"));
        var metrics = await _http.GetStringAsync("/metrics");
        Assert.Contains("apexfleet_telemetry_accepted", metrics, StringComparison.Ordinal);
        Assert.Contains("orleans_", metrics, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync("/dashboard")).StatusCode);
    }
}
