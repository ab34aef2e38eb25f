using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ApexFleet.Domain.Manifests;
using ApexFleet.Domain.Security;
using ApexFleet.Integration.Tests.Support;
using ApexFleet.Silo.Hosting;
using Microsoft.AspNetCore.Builder;

namespace ApexFleet.Integration.Tests;

/// <summary>
/// Issue 19's manifests against a real standalone silo: each answered with a short, clear error, and
/// the silo goes on serving (a valid rollout starts afterwards).
/// </summary>
public sealed class HostileManifestHttpTests : IAsyncLifetime
{
    private const string Manifest = """
        apiVersion: apexfleet.io/v1
        kind: Deployment
        metadata: { name: hostile-after }
        spec:
          model: { id: hostile-model, version: "2.0.0", previousVersion: "1.0.0" }
          stages:
            - { name: all, percent: 100 }

        """;

    private readonly StandaloneSilo _silo = new("hostile");

    private HttpClient _http = new();

    public async ValueTask InitializeAsync()
    {
        await _silo.StartAsync();
        _http = _silo.Client(FleetRole.Admin);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _silo.DisposeAsync();
    }

    private static string TwentyMegabytesOfUnknownKeys()
    {
        var yaml = new StringBuilder(Manifest);
        for (var i = 0; yaml.Length < 20_000_000; i++)
        {
            yaml.Append("unknownKey").Append(i).Append(": 1\n");
        }

        return yaml.ToString();
    }

    private async Task<(HttpStatusCode Status, long Bytes, List<string?> Errors)> PostAsync(HttpContent body)
    {
        var response = await _http.PostAsync("/api/rollouts", body);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var errors = JsonDocument.Parse(bytes).RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetString()).ToList();
        return (response.StatusCode, bytes.LongLength, errors);
    }

    [Fact]
    public async Task Twenty_megabytes_of_unknown_keys_get_413_in_a_few_hundred_bytes()
    {
        var (status, bytes, errors) = await PostAsync(new StringContent(TwentyMegabytesOfUnknownKeys()));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.InRange(bytes, 1, 300);
        Assert.Equal($"request body:1:1: (document): the manifest is larger than {ManifestLimits.MaxBytes} bytes (the most the fleet reads); keep comments and data out of it", Assert.Single(errors));
        await AssertHealthyAsync();
    }

    [Fact]
    public async Task A_chunked_body_without_a_length_is_cut_off_at_the_limit()
    {
        var comment = Encoding.UTF8.GetBytes(Manifest + "# " + new string('x', 20_000_000) + "\n");
        var (status, _, errors) = await PostAsync(new StreamContent(new MemoryStream(comment)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.StartsWith("request body:1:1: (document): the manifest is larger than", Assert.Single(errors));
        await AssertHealthyAsync();
    }

    [Fact]
    public async Task An_alias_bomb_as_a_mapping_key_gets_400_naming_the_alias()
    {
        var yaml = new StringBuilder(Manifest).Append("l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var i = 1; i < 10; i++)
        {
            yaml.Append($"l{i}: &l{i} [{string.Join(", ", Enumerable.Repeat($"*l{i - 1}", 10))}]\n");
        }

        var (status, _, errors) = await PostAsync(new StringContent(yaml.Append("? *l9\n: boom\n").ToString()));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("more than 100000 nodes through its aliases", Assert.Single(errors));
        await AssertHealthyAsync();
    }

    /// <summary>The silo still reads and starts a valid manifest.</summary>
    private async Task AssertHealthyAsync()
    {
        var response = await _http.PostAsync("/api/rollouts", new StringContent(Manifest));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("hostile-after", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("deploymentId").GetString());
    }
}
