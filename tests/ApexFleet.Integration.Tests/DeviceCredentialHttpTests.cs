using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ApexFleet.Abstractions.Devices;
using ApexFleet.Domain.Fleet;
using ApexFleet.Domain.Security;
using ApexFleet.Integration.Tests.Support;
using ApexFleet.Silo.Hosting;
using ApexFleet.Silo.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ApexFleet.Integration.Tests;

/// <summary>Device credentials on a real standalone silo: issued once, kept as a hash, good for the device's own state only.</summary>
public sealed class DeviceCredentialHttpTests : IAsyncLifetime
{
    private readonly StandaloneSilo _silo = new("devcred");

    private HttpClient _admin = new();

    public async ValueTask InitializeAsync()
    {
        await _silo.StartAsync();
        _admin = _silo.Client(FleetRole.Admin);
        var grains = _silo.Grains;
        foreach (var phone in new[] { "phone-a", "phone-b" })
        {
            await grains.GetGrain<IDeviceGrain>(phone).Enroll(new DeviceProfile("chip", "Chip", "low", "android", "14", "eu", "1", "north"), new ModelSlot("m", "1.0.0", Precision.Int8));
        }
    }

    public async ValueTask DisposeAsync()
    {
        _admin.Dispose();
        await _silo.DisposeAsync();
    }

    [Fact]
    public async Task A_device_reads_and_writes_its_own_state_and_gets_403_for_another_devices()
    {
        var a = await IssueAsync("phone-a");
        var b = await IssueAsync("phone-b");

        Assert.Equal(HttpStatusCode.OK, await AsDeviceAsync(a, HttpMethod.Get, "/api/devices/phone-a"));
        Assert.Equal(HttpStatusCode.OK, await AsDeviceAsync(a, HttpMethod.Get, "/api/devices/phone-a/directive"));
        Assert.Equal(HttpStatusCode.Forbidden, await AsDeviceAsync(a, HttpMethod.Get, "/api/devices/phone-b"));
        Assert.Equal(HttpStatusCode.Forbidden, await AsDeviceAsync(a, HttpMethod.Get, "/api/devices/phone-b/directive"));
        Assert.Equal(HttpStatusCode.Forbidden, await AsDeviceAsync(a, HttpMethod.Post, "/api/devices/phone-b/telemetry"));
        Assert.Equal(HttpStatusCode.Forbidden, await AsDeviceAsync(a, HttpMethod.Post, "/api/devices/phone-b/enrol"));
        Assert.Equal(HttpStatusCode.OK, await AsDeviceAsync(b, HttpMethod.Get, "/api/devices/phone-b/directive"));
        // A device is no person: fleet-wide reads and every control stay closed to it.
        Assert.Equal(HttpStatusCode.Unauthorized, await AsDeviceAsync(a, HttpMethod.Get, "/api/rollouts"));
        Assert.Equal(HttpStatusCode.Unauthorized, await AsDeviceAsync(a, HttpMethod.Post, "/api/rollouts/x/pause"));
        // But it may fetch artifacts to install (404 here: the registry is empty, and the door was open).
        Assert.Equal(HttpStatusCode.NotFound, await AsDeviceAsync(a, HttpMethod.Get, "/api/models/m/1.0.0/INT8/artifact"));
        // A person's token does not make its holder a device.
        using var person = _silo.Client(FleetRole.Admin);
        Assert.Equal(HttpStatusCode.Unauthorized, (await person.GetAsync("/api/devices/phone-a/directive", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task A_wrong_secret_an_unknown_device_and_a_replaced_credential_get_401()
    {
        var first = await IssueAsync("phone-a");
        var forged = DeviceSecret.Generate("phone-a").Credential;

        Assert.Equal(HttpStatusCode.Unauthorized, await AsDeviceAsync(forged, HttpMethod.Get, "/api/devices/phone-a"));
        Assert.Equal(HttpStatusCode.Unauthorized, await AsDeviceAsync(DeviceSecret.Generate("phone-z").Credential, HttpMethod.Get, "/api/devices/phone-z"));
        Assert.Equal(HttpStatusCode.Unauthorized, await AsDeviceAsync("no-dot-here", HttpMethod.Get, "/api/devices/phone-a"));

        var again = await _admin.PostAsync("/api/devices/phone-a/credential", null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await AsDeviceAsync(first, HttpMethod.Get, "/api/devices/phone-a"));

        var replaced = await IssueAsync("phone-a", "?replace=true");
        Assert.Equal(HttpStatusCode.Unauthorized, await AsDeviceAsync(first, HttpMethod.Get, "/api/devices/phone-a"));
        Assert.Equal(HttpStatusCode.OK, await AsDeviceAsync(replaced, HttpMethod.Get, "/api/devices/phone-a"));
    }

    [Fact]
    public async Task The_silo_keeps_the_hash_of_the_secret_and_never_the_secret()
    {
        var credential = await IssueAsync("phone-a");
        var secret = DeviceSecret.Parse(credential)!.Value;

        var stored = await _silo.Grains.GetGrain<IDeviceCredentialGrain>("phone-a").GetHash();

        Assert.Equal(secret.Hash(), stored);
        Assert.NotEqual(System.Text.Encoding.UTF8.GetBytes(secret.Secret), stored);
    }

    private async Task<string> IssueAsync(string device, string query = "")
    {
        var response = await _admin.PostAsync($"/api/devices/{device}/credential{query}", null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(device, body.GetProperty("device").GetString());
        return body.GetProperty("credential").GetString()!;
    }

    private async Task<HttpStatusCode> AsDeviceAsync(string credential, HttpMethod method, string path)
    {
        using var http = _silo.Client(null);
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue(DeviceCredentialHandler.SchemeName, credential);
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }
}
