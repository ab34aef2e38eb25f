using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ApexFleet.Abstractions.Devices;
using ApexFleet.Agent.Link;
using ApexFleet.Domain.Devices;
using ApexFleet.Domain.Fleet;
using ApexFleet.Integration.Tests.Support;
using ApexFleet.Silo.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace ApexFleet.Integration.Tests;

/// <summary>
/// The device protocol over both links against one real standalone silo: the HTTP endpoint answers
/// as the grain does (same directive, same rejection reasons), with statuses a phone can act on.
/// </summary>
public sealed class DeviceLinkTests : IAsyncLifetime
{
    private static readonly DeviceProfile Phone = new("Tensor G4", "Pixel 9", "high", "android", "15", "eu", "7.4.0", "north", "arm64-v8a", 35);
    private static readonly ModelSlot V1 = new("link-model", "1.0.0", Precision.Int8);

    private readonly StandaloneSilo _silo = new("link")
    {
        Options =
        {
            // Three reports in a burst, then one a second: enough for a test to run into the limit.
            DeviceReportRate = new ReportRate(1, 3),
        },
    };

    private HttpClient _http = new();
    private IDeviceLink? _orleans;
    private IDeviceLink? _web;

    public async ValueTask InitializeAsync()
    {
        await _silo.StartAsync();
        // Every device the tests speak for over HTTP has its own credential, as an admin issued it.
        var credentials = await DeviceCredentialSupport.IssueAsync(_silo.Options, "link-http", "link-stranger", "link-rejected", "link-chatty", "link-garbled", "link-nameless", "link-battery");
        _http = DeviceCredentialSupport.Client(_silo.Options, credentials);
        _web = new HttpDeviceLink(_http, credentials);
        _orleans = await OrleansDeviceLink.ConnectAsync(new IPEndPoint(IPAddress.Loopback, _silo.Options.GatewayPort), _silo.Options.ClusterId);
    }

    public async ValueTask DisposeAsync()
    {
        if (_orleans is not null)
        {
            await _orleans.DisposeAsync();
        }

        _http.Dispose();
        await _silo.DisposeAsync();
    }

    private static TelemetryReport Report(long sequence, int inferences = 4, long crashes = 0) => new()
    {
        Sequence = sequence,
        At = DateTimeOffset.UnixEpoch.AddSeconds(sequence),
        Running = V1,
        LatenciesMs = Enumerable.Repeat(12.5f, inferences).ToArray(),
        Counters = new() { Crashes = crashes, PeakMemoryMb = 41.25 },
    };

    [Fact]
    public async Task Both_links_enrol_report_and_refuse_a_resend_the_same_way()
    {
        foreach (var (link, id) in new[] { (_orleans!, "link-orleans"), (_web!, "link-http") })
        {
            var enrolled = await link.EnrolAsync(id, Phone, V1);
            var first = await link.ReportAsync(id, Report(1));
            var resent = await link.ReportAsync(id, Report(1));
            var asked = await link.GetDirectiveAsync(id);

            Assert.True(enrolled.Accepted, link.Peer);
            Assert.Equal(V1, enrolled.Desired);
            Assert.True(first.Accepted, link.Peer);
            Assert.Equal(V1, first.Desired);
            Assert.False(resent.Accepted);
            Assert.Equal(RejectionReason.Duplicate, resent.Rejection);
            Assert.Equal("sequence 1 was already taken (last 1); ignored", resent.RejectionReason);
            Assert.Equal(V1, asked.Desired);
        }

        var viaOrleans = await _silo.Grains.GetGrain<IDeviceGrain>("link-orleans").GetSnapshot();
        var viaHttp = await _silo.Grains.GetGrain<IDeviceGrain>("link-http").GetSnapshot();
        Assert.Equal(viaOrleans.Counters, viaHttp.Counters);
        Assert.Equal(1, viaHttp.Counters.Reports);
        Assert.Equal(4, viaHttp.Counters.Inferences);
        Assert.Equal(41.25, viaHttp.Counters.PeakMemoryMb);
        Assert.Equal(Phone, viaHttp.Profile);
    }

    [Fact]
    public async Task Each_rejection_has_its_status_and_carries_the_grains_reason()
    {
        var notEnrolled = await _http.PostAsJsonAsync("api/devices/link-stranger/telemetry", Report(1), Abstractions.Json.FleetJson.Options);
        var noDirective = await _http.GetAsync("api/devices/link-stranger/directive");
        await _web!.EnrolAsync("link-rejected", Phone, V1);
        var taken = await _http.PostAsJsonAsync("api/devices/link-rejected/telemetry", Report(1), Abstractions.Json.FleetJson.Options);
        var duplicate = await _http.PostAsJsonAsync("api/devices/link-rejected/telemetry", Report(1), Abstractions.Json.FleetJson.Options);
        var invalid = await _http.PostAsJsonAsync("api/devices/link-rejected/telemetry", Report(2, inferences: 1, crashes: 2), Abstractions.Json.FleetJson.Options);

        Assert.Equal(HttpStatusCode.NotFound, notEnrolled.StatusCode);
        Assert.Equal("NotEnrolled", (await notEnrolled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rejection").GetString());
        Assert.Equal(HttpStatusCode.NotFound, noDirective.StatusCode);
        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.StatusCode);
        Assert.Equal("CrashesExceedInferences", (await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rejection").GetString());
    }

    [Fact]
    public async Task A_device_over_its_rate_gets_429_with_retry_after_and_the_link_reads_it_as_rate_limited()
    {
        await _web!.EnrolAsync("link-chatty", Phone, V1);
        var answers = new List<DeviceDirective>();
        for (var sequence = 1; sequence <= 4; sequence++)
        {
            answers.Add(await _web.ReportAsync("link-chatty", Report(sequence)));
        }

        var raw = await _http.PostAsJsonAsync("api/devices/link-chatty/telemetry", Report(5), Abstractions.Json.FleetJson.Options);

        Assert.Equal([true, true, true, false], answers.Select(a => a.Accepted));
        Assert.Equal(RejectionReason.RateLimited, answers[3].Rejection);
        Assert.Equal((HttpStatusCode)429, raw.StatusCode);
        Assert.Equal("1", raw.Headers.RetryAfter?.ToString());
    }

    [Theory]
    [InlineData("""{"sequence":"seven","at":"2026-01-01T00:00:00Z"}""", "$.sequence")]
    [InlineData("""{"sequence":1,"at":"2026-01-01T00:00:00Z","counters":{"crashes":"many"}}""", "$.counters")]
    [InlineData("""{"sequence":1,"at":"2026-01-01T00:00:00Z","running":{"modelId":"m","version":"1","precision":"fp7"}}""", "$.running.precision")]
    [InlineData("""{"at":"2026-01-01T00:00:00Z"}""", "sequence")]
    [InlineData("""{"sequence":1,""", "$")]
    public async Task Unreadable_telemetry_is_400_naming_the_field(string body, string field)
    {
        await _web!.EnrolAsync("link-garbled", Phone, V1);

        var response = await _http.PostAsync("api/devices/link-garbled/telemetry", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString(), StringComparison.Ordinal);
        var snapshot = await _silo.Grains.GetGrain<IDeviceGrain>("link-garbled").GetSnapshot();
        Assert.Equal(0, snapshot.Counters.Reports);
    }

    [Fact]
    public async Task An_enrolment_without_a_chipset_is_400_naming_it_and_enrols_nothing()
    {
        var response = await _http.PostAsync("api/devices/link-nameless/enrol", new StringContent(
            """{"profile":{"chipsetModel":"x","tier":"mid","os":"android","osVersion":"15","region":"eu","appVersion":"1","fairnessGroup":"g"}}""",
            Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("chipsetFamily", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync("api/devices/link-nameless/directive")).StatusCode);
    }

    [Fact]
    public async Task A_report_that_leaves_the_battery_out_counts_no_reading_and_the_drain_is_the_mean_of_those_that_have_one()
    {
        await _web!.EnrolAsync("link-battery", Phone, V1);
        string Json(long sequence, double? drain)
        {
            // As a phone without a battery writes it: no drain, and no count of readings either.
            var report = JsonSerializer.SerializeToNode(Report(sequence), Abstractions.Json.FleetJson.Options)!;
            var counters = report["counters"]!.AsObject();
            counters.Remove("batteryDrainPercentPerHour");
            counters.Remove("batteryReadings");
            if (drain is { } given)
            {
                counters["batteryDrainPercentPerHour"] = given;
            }

            return report.ToJsonString();
        }

        var without = await _http.PostAsync("api/devices/link-battery/telemetry", new StringContent(Json(1, null), Encoding.UTF8, "application/json"));
        var with = await _http.PostAsync("api/devices/link-battery/telemetry", new StringContent(Json(2, 4.5), Encoding.UTF8, "application/json"));
        var linked = await _web.ReportAsync("link-battery", Report(3) with { Counters = new() { BatteryDrainPercentPerHour = 1.5, BatteryReadings = 1 } });

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, true), (without.StatusCode, with.StatusCode, linked.Accepted));
        var counters = (await _silo.Grains.GetGrain<IDeviceGrain>("link-battery").GetSnapshot()).Counters;
        // 3 reports, 2 with a drain (4.5 and 1.5): 6 over 2 readings, a mean of 3 %/h rather than 2 over all 3.
        Assert.Equal((3L, 2L, 6.0), (counters.Reports, counters.BatteryReadings, counters.BatteryDrainPercentPerHour));
    }

    [Fact]
    public async Task A_link_to_no_silo_is_down_not_an_answer()
    {
        await using var nowhere = HttpDeviceLink.Create(new Uri($"http://127.0.0.1:{FleetHost.FreePort()}/"), null, TimeSpan.FromSeconds(5));

        await Assert.ThrowsAsync<DeviceLinkDownException>(() => nowhere.GetDirectiveAsync("anyone"));
        await Assert.ThrowsAsync<DeviceLinkDownException>(() =>
            OrleansDeviceLink.ConnectAsync(new IPEndPoint(IPAddress.Loopback, FleetHost.FreePort()), "nobody"));
    }
}
