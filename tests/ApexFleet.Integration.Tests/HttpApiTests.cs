using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ApexFleet.Abstractions.Deployments;
using ApexFleet.Abstractions.Devices;
using ApexFleet.Abstractions.Fleet;
using ApexFleet.Abstractions.Registry;
using ApexFleet.Agent.Link;
using ApexFleet.Domain.Fleet;
using ApexFleet.Domain.Registry;
using ApexFleet.Domain.Rollout;
using ApexFleet.Domain.Security;
using ApexFleet.Grains.Cohorts;
using ApexFleet.Grains.Registry;
using ApexFleet.Integration.Tests.Support;
using ApexFleet.Silo.Hosting;
using ApexFleet.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
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

    /// <summary>Gates that need evidence no device has sent yet: every observed value is NaN.</summary>
    private const string WaitingManifest = """
        apiVersion: apexfleet.io/v1
        kind: Deployment
        metadata: { name: waiting-rollout }
        spec:
          model: { id: waiting-model, version: "2.0.0", previousVersion: "1.0.0" }
          stages:
            - name: canary
              percent: 10
              bakeWindow: 1h
              gates:
                - { metric: latency_p95_ms, operator: "<=", threshold: 40, minSamples: 300, scope: cohort }
                - { metric: latency_p95_ratio, operator: "<=", threshold: 1.2, minSamples: 300, scope: cohort }
                - { metric: crash_rate, operator: "<=", threshold: 0.001, minSamples: 2000, scope: fleet }
                - { metric: output_psi, operator: "<=", threshold: 0.25, minSamples: 300, scope: fleet }
            - { name: everyone, percent: 100 }
        """;

    private readonly StandaloneSilo _silo = new("http");

    private readonly SigningKey _key = SigningKey.Generate();

    private HttpClient _http = new();

    public async ValueTask InitializeAsync()
    {
        _silo.Options.TrustedKeysFile = Path.Combine(_silo.Options.DataDirectory, "trusted.keys");
        await File.WriteAllTextAsync(_silo.Options.TrustedKeysFile, _key.PublicKeyText);
        await _silo.StartAsync();
        _http = _silo.Client(FleetRole.Admin);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        _key.Dispose();
        await _silo.DisposeAsync();
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

        Assert.Equal(HttpStatusCode.BadRequest, (await _http.PostAsync("/api/rollouts/http-rollout/pause?actor=mallory", null)).StatusCode);
        using var alice = _silo.Client(FleetRole.Operator, "alice");
        var paused = await alice.PostAsync("/api/rollouts/http-rollout/pause", null);
        Assert.Equal("Paused", (await paused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("phase").GetString());
        var again = await _http.PostAsync("/api/rollouts/http-rollout/pause", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.PostAsync("/api/rollouts/http-rollout/explode", null)).StatusCode);

        var audit = await _http.GetFromJsonAsync<JsonElement>("/api/rollouts/http-rollout/audit");
        Assert.Equal(["Start", "Pause"], audit.EnumerateArray().Select(a => a.GetProperty("decision").GetString() ?? "").ToArray());
        // The audit names the tokens' subjects: whoever started it, then alice.
        Assert.Equal("tester", audit[0].GetProperty("actor").GetString());
        Assert.Equal("alice", audit[1].GetProperty("actor").GetString());
    }

    [Fact]
    public async Task A_second_rollout_of_a_model_gets_409_naming_the_holder_unless_it_supersedes_it()
    {
        string Named(string name) => Manifest
            .Replace("http-rollout", name, StringComparison.Ordinal)
            .Replace("http-model", "owned-model", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await _http.PostAsync("/api/rollouts", new StringContent(Named("owned-first")))).StatusCode);

        var refused = await _http.PostAsync("/api/rollouts", new StringContent(Named("owned-second")));
        var replaced = await _http.PostAsync("/api/rollouts?supersede=owned-first", new StringContent(Named("owned-second")));

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("deployment 'owned-first'", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        var first = await _http.GetFromJsonAsync<JsonElement>("/api/rollouts/owned-first");
        Assert.Equal("Aborted", first.GetProperty("phase").GetString());
    }

    [Fact]
    public async Task A_usage_cycle_that_is_not_24_hours_gets_400_naming_it()
    {
        var response = await _http.PostAsync("/api/rollouts?usageCycle=1,2", new StringContent(Manifest.Replace("http-rollout", "cycle-rollout", StringComparison.Ordinal)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Equal(["usageCycle: a usage cycle has one value per UTC hour, 24 in all (got 2)"], errors);
        Assert.Equal("NotStarted", (await _http.GetFromJsonAsync<JsonElement>("/api/rollouts/cycle-rollout")).GetProperty("phase").GetString());
    }

    [Fact]
    public async Task A_broken_manifest_gets_400_with_every_error()
    {
        var response = await _http.PostAsync("/api/rollouts", new StringContent(Manifest.Replace("percent: 100", "percent: 0", StringComparison.Ordinal)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("request body:7:29: spec.stages[0].percent: must be between 0.0001 and 100 (got 0)", errors);
    }

    [Theory]
    [InlineData("{ [1, 2]: { sizeMB: 1 } }", "a list")]
    [InlineData("{ { a: 1 }: { sizeMB: 1 } }", "a mapping")]
    public async Task A_manifest_key_that_is_not_text_gets_400_naming_it(string variants, string what)
    {
        var manifest = Manifest.Replace("previousVersion: \"1.0.0\" }", $"previousVersion: \"1.0.0\", variants: {variants} }}", StringComparison.Ordinal);

        var response = await _http.PostAsync("/api/rollouts", new StringContent(manifest));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = Assert.Single((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray()).GetString();
        Assert.Equal($"request body:5:84: spec.model.variants: keys must be text, not {what}", error);
    }

    [Fact]
    public async Task Devices_health_metrics_and_dashboard_are_served()
    {
        var grains = _silo.Grains;
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
        // /dashboard redirects to /dashboard/, and HttpClient drops the token on a redirect.
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync("/dashboard/")).StatusCode);
    }

    [Fact]
    public async Task Every_get_endpoint_answers_json_while_a_rollout_waits_for_evidence()
    {
        var grains = _silo.Grains;
        await grains.GetGrain<IDeviceGrain>("waiting-phone").Enroll(
            new DeviceProfile("chip", "Chip", "low", "android", "14", "eu", "1", "north"), new ModelSlot("waiting-model", "1.0.0", Precision.Fp32));
        await _silo.App.Services.GetRequiredService<CohortDeltaBuffer>().FlushAsync();
        var started = await _http.PostAsync("/api/rollouts", new StringContent(WaitingManifest));
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        var held = await grains.GetGrain<IDeploymentGrain>("waiting-rollout").Evaluate(DateTimeOffset.UtcNow);
        Assert.Equal(RolloutPhase.Progressing, held.Phase);
        Assert.Contains(held.LastGates, g => double.IsNaN(g.Observed));
        var cohort = Assert.Single(await grains.GetGrain<IFleetDirectoryGrain>(0).GetCohorts());
        var publisher = _silo.App.Services.GetRequiredService<ArtifactPublisher>();
        foreach (var (version, seed) in new[] { ("1.0.0", 1), ("2.0.0", 2) })
        {
            var bytes = RegistryTestArtifacts.Weights(4, 64, seed);
            var manifest = new ArtifactManifest("waiting-model", version, Precision.Int8, ArtifactDigest.Of(bytes), bytes.Length);
            var pushed = await publisher.PublishAsync(new SignedArtifact(manifest, _key.KeyId, Convert.ToBase64String(_key.Sign(manifest))), new MemoryStream(bytes), CancellationToken.None);
            Assert.NotNull(pushed.Entry);
        }

        // Every GET route the silo maps, found in its routing table so a new one cannot be forgotten here.
        var samples = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["/api/rollouts"] = "/api/rollouts",
            ["/api/rollouts/{id}"] = "/api/rollouts/waiting-rollout",
            ["/api/rollouts/{id}/audit"] = "/api/rollouts/waiting-rollout/audit",
            ["/api/devices/{id}"] = "/api/devices/waiting-phone",
            ["/api/devices/{id}/directive"] = "/api/devices/waiting-phone/directive",
            ["/api/cohorts"] = "/api/cohorts",
            ["/api/cohorts/{id}"] = $"/api/cohorts/{cohort}",
            ["/api/gitops"] = "/api/gitops",
            ["/api/models"] = "/api/models",
            ["/api/models/{model}"] = "/api/models/waiting-model",
            ["/api/models/{model}/{version}/{variant}"] = "/api/models/waiting-model/2.0.0/INT8",
            ["/api/models/{model}/{version}/{variant}/artifact"] = "/api/models/waiting-model/2.0.0/INT8/artifact",
            ["/api/models/{model}/{version}/{variant}/delta"] = "/api/models/waiting-model/2.0.0/INT8/delta",
            ["/api/cost"] = "/api/cost?by=cost-center",
            [FleetSiloHost.HealthPath] = FleetSiloHost.HealthPath,
        };
        var routes = _silo.App.Services.GetServices<EndpointDataSource>()
            .SelectMany(s => s.Endpoints)
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains("GET") ?? true)
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Where(r => r.StartsWith("/api/", StringComparison.Ordinal) || r == FleetSiloHost.HealthPath)
            .ToHashSet();
        Assert.Subset(samples.Keys.ToHashSet(), routes);
        Assert.Superset(samples.Keys.ToHashSet(), routes);

        // The directive is the device's own: asked with its credential, as no person may.
        var phone = (await DeviceCredentialSupport.IssueAsync(_silo.Options, "waiting-phone")).Find("waiting-phone")!;
        foreach (var (route, path) in samples)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            if (route == "/api/devices/{id}/directive")
            {
                request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(DeviceCredentialBook.Scheme, phone);
            }

            var response = await _http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {body}");
            if (route == FleetSiloHost.HealthPath)
            {
                Assert.Equal("Healthy", body);
                continue;
            }

            if (route.EndsWith("/artifact", StringComparison.Ordinal) || route.EndsWith("/delta", StringComparison.Ordinal))
            {
                Assert.Equal("application/octet-stream", response.Content.Headers.ContentType?.MediaType);
                continue;
            }

            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            using var json = JsonDocument.Parse(body);
        }

        // A gate without samples is written as the contract says (README, HTTP API): "NaN".
        using var status = JsonDocument.Parse(await _http.GetStringAsync("/api/rollouts/waiting-rollout"));
        Assert.Contains(status.RootElement.GetProperty("lastGates").EnumerateArray(), g => g.GetProperty("observed").GetString() == "NaN");

        // The CLI's --json is the same contract, byte for byte.
        var connect = new[] { "--gateway-port", _silo.Options.GatewayPort.ToString(CultureInfo.InvariantCulture), "--cluster-id", _silo.Options.ClusterId };
        var cli = await CliProcess.RunAsync(["rollout", "audit", "waiting-rollout", "--json", .. connect]);
        Assert.True(cli.ExitCode == 0, cli.Stdout + cli.Stderr);
        Assert.Equal(await _http.GetStringAsync("/api/rollouts/waiting-rollout/audit"), cli.Stdout.TrimEnd('\n'));
    }
}
