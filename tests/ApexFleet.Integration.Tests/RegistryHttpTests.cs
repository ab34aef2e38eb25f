using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ApexFleet.Abstractions.Devices;
using ApexFleet.Abstractions.Json;
using ApexFleet.Abstractions.Registry;
using ApexFleet.Domain.Fleet;
using ApexFleet.Domain.Registry;
using ApexFleet.Domain.Security;
using ApexFleet.Grains.Cohorts;
using ApexFleet.Integration.Tests.Support;
using ApexFleet.Silo.Hosting;
using ApexFleet.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace ApexFleet.Integration.Tests;

/// <summary>The registry on a real standalone silo: pushes, refusals, ETag and Range, deltas, and a device's directive.</summary>
public sealed class RegistryHttpTests : IAsyncLifetime
{
    private const int Tensors = 50;
    private const int FloatsPerTensor = 2048;

    private readonly string _data = Directory.CreateTempSubdirectory("apexfleet-registry-").FullName;
    private readonly SigningKey _key = SigningKey.Generate();
    private readonly SigningKey _stranger = SigningKey.Generate();
    private readonly byte[] _v1 = RegistryTestArtifacts.Weights(Tensors, FloatsPerTensor, 1);
    private readonly byte[] _v2;
    private FleetSiloOptions? _options;
    private WebApplication? _app;
    private HttpClient _http = new();

    public RegistryHttpTests() => _v2 = RegistryTestArtifacts.Retrained(_v1, Tensors, every: 10, seed: 2);

    public async ValueTask InitializeAsync()
    {
        var trusted = Path.Combine(_data, "trusted.keys");
        await File.WriteAllTextAsync(trusted, $"# release\n{_key.PublicKeyText}\n");
        _options = new FleetSiloOptions
        {
            SiloPort = FleetHost.FreePort(),
            GatewayPort = FleetHost.FreePort(),
            HttpPort = FleetHost.FreePort(),
            ClusterId = $"registry-{Guid.NewGuid():N}",
            DataDirectory = _data,
            TrustedKeysFile = trusted,
        };
        _app = FleetSiloHost.BuildStandalone(_options);
        await _app.StartAsync();
        _http = SiloTokens.Client(_options, FleetRole.Admin);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        _key.Dispose();
        _stranger.Dispose();
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task A_pushed_artifact_is_served_with_its_digest_as_ETag_and_ranges()
    {
        var pushed = await PushAsync("served", "1.0.0", _v1);
        Assert.Equal(HttpStatusCode.Created, pushed.StatusCode);
        var entry = (await pushed.Content.ReadFromJsonAsync<RegisteredArtifact>(FleetJson.Options))!;
        Assert.Equal(ArtifactDigest.Of(_v1), entry.Manifest.Digest);
        Assert.Equal(_key.KeyId, entry.KeyId);
        Assert.Null(entry.Delta);

        using var full = await _http.GetAsync(entry.Url, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, full.StatusCode);
        Assert.Equal($"\"{entry.Manifest.Digest}\"", full.Headers.ETag?.Tag);
        Assert.Equal(_v1, await full.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));

        // A resumed download: the bytes from 1000 on.
        using var resume = new HttpRequestMessage(HttpMethod.Get, entry.Url);
        resume.Headers.Range = new RangeHeaderValue(1000, null);
        using var partial = await _http.SendAsync(resume, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal($"bytes 1000-{_v1.Length - 1}/{_v1.Length}", partial.Content.Headers.ContentRange?.ToString());
        Assert.Equal(_v1[1000..], await partial.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));

        using var revalidate = new HttpRequestMessage(HttpMethod.Get, entry.Url);
        revalidate.Headers.IfNoneMatch.Add(new EntityTagHeaderValue($"\"{entry.Manifest.Digest}\""));
        using var unchanged = await _http.SendAsync(revalidate, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);

        // The same push again is a retry, not a conflict.
        Assert.Equal(HttpStatusCode.OK, (await PushAsync("served", "1.0.0", _v1)).StatusCode);
    }

    [Fact]
    public async Task A_new_version_gets_a_delta_that_an_installer_turns_into_the_exact_bytes()
    {
        Assert.Equal(HttpStatusCode.Created, (await PushAsync("delta", "1.0.0", _v1)).StatusCode);
        var pushed = await PushAsync("delta", "2.0.0", _v2, parent: "1.0.0");
        var entry = (await pushed.Content.ReadFromJsonAsync<RegisteredArtifact>(FleetJson.Options))!;

        var delta = Assert.IsType<ArtifactDelta>(entry.Delta);
        Assert.Equal(("1.0.0", ArtifactDigest.Of(_v1)), (delta.FromVersion, delta.FromDigest));
        Assert.InRange(delta.SizeBytes, _v2.Length * 0.10, _v2.Length * 0.12);

        var fetched = 0L;
        var trusted = new SignatureVerdicts(new TrustedKeys([TrustedKey.Parse(_key.PublicKeyText, "test key")]));
        var result = await ArtifactInstall.RunAsync(entry.ToOffer(), _v1, async url =>
        {
            var bytes = await _http.GetByteArrayAsync(url);
            fetched += bytes.Length;
            return bytes;
        }, trusted);

        Assert.Equal(InstallPath.Delta, result.Path);
        Assert.Equal(_v2, result.Artifact);
        Assert.Equal(delta.SizeBytes, fetched);
        // The signature the registry served verified once against the installer's own trusted key.
        Assert.Equal(1, trusted.Verifications);
    }

    [Fact]
    public async Task Unsigned_untrusted_tampered_and_rewritten_pushes_are_refused()
    {
        var unsigned = await PushAsync("refused", "1.0.0", _v1, sign: false);
        await AssertRefused(unsigned, HttpStatusCode.Forbidden, UploadRefusal.Unsigned, "is unsigned");

        var untrusted = await PushAsync("refused", "1.0.0", _v1, signer: _stranger);
        await AssertRefused(untrusted, HttpStatusCode.Forbidden, UploadRefusal.UntrustedKey, $"signed by key {_stranger.KeyId}, which this registry does not trust (trusted: {_key.KeyId})");

        var tampered = (byte[])_v1.Clone();
        tampered[4242] ^= 0x01;
        var altered = await PushAsync("refused", "1.0.0", _v1, sendInstead: tampered);
        await AssertRefused(altered, HttpStatusCode.BadRequest, UploadRefusal.DigestMismatch, ArtifactDigest.Of(tampered));

        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync("/api/models/refused", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await PushAsync("refused", "1.0.0", _v1)).StatusCode);
        var rewritten = await PushAsync("refused", "1.0.0", _v2);
        await AssertRefused(rewritten, HttpStatusCode.Conflict, UploadRefusal.VersionExists, "versions are immutable");

        using var served = await _http.GetAsync(ArtifactUrls.Artifact("refused", "1.0.0", Precision.Int8), TestContext.Current.CancellationToken);
        Assert.Equal(_v1, await served.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_device_that_has_the_previous_artifact_is_offered_the_delta()
    {
        await PushAsync("fleet-model", "1.0.0", _v1);
        var entry = (await (await PushAsync("fleet-model", "2.0.0", _v2, parent: "1.0.0")).Content.ReadFromJsonAsync<RegisteredArtifact>(FleetJson.Options))!;
        var grains = _app!.Services.GetRequiredService<IGrainFactory>();
        var running = new ModelSlot("fleet-model", "1.0.0", Precision.Int8);
        await grains.GetGrain<IDeviceGrain>("registry-phone").Enroll(new DeviceProfile("chip", "Chip", "low", "android", "14", "eu", "1", "north"), running);
        await _app.Services.GetRequiredService<CohortDeltaBuffer>().FlushAsync();
        var started = await _http.PostAsync("/api/rollouts", new StringContent("""
            apiVersion: apexfleet.io/v1
            kind: Deployment
            metadata: { name: fleet-model-2 }
            spec:
              model: { id: fleet-model, version: "2.0.0", previousVersion: "1.0.0", precision: INT8 }
              stages:
                - { name: all, percent: 100 }
            """), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);

        var directive = await grains.GetGrain<IDeviceGrain>("registry-phone").Report(
            new TelemetryReport { Sequence = 1, At = DateTimeOffset.UtcNow, Running = running, LatenciesMs = [5] });

        Assert.Equal(new ModelSlot("fleet-model", "2.0.0", Precision.Int8), directive.Desired);
        // Manifests compare by what they vouch for (their benchmark lists are separate objects).
        Assert.True(directive.Artifact!.Manifest?.SameAs(entry.Manifest), "the directive carries the signed manifest");
        Assert.Equal(entry.ToOffer(), directive.Artifact with { Delta = directive.Artifact.Delta, Manifest = entry.Manifest });
        Assert.Equal(ArtifactDigest.Of(_v1), directive.Artifact.Delta!.FromDigest);
        Assert.Equal(entry.Delta!.SizeBytes, directive.Artifact.Delta.SizeBytes);
    }

    private async Task<HttpResponseMessage> PushAsync(
        string model, string version, byte[] bytes, string? parent = null, bool sign = true, SigningKey? signer = null, byte[]? sendInstead = null)
    {
        var manifest = new ArtifactManifest(model, version, Precision.Int8, ArtifactDigest.Of(bytes), bytes.Length, parent, "s3://data/2026-11", "GDPR_Sensitive",
            new EthicalAssessment(EthicalStatus.Approved, "board", DateTimeOffset.UnixEpoch), [new ChipsetBenchmark("chip", 10, 2, 90, 40)]);
        signer ??= _key;
        var signed = sign ? new SignedArtifact(manifest, signer.KeyId, Convert.ToBase64String(signer.Sign(manifest))) : new SignedArtifact(manifest, null, null);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(JsonSerializer.Serialize(signed, FleetJson.Options)), "manifest" },
            { new ByteArrayContent(sendInstead ?? bytes), "artifact", "model.onnx" },
        };
        return await _http.PostAsync(ArtifactUrls.Entry(model, version, Precision.Int8), form);
    }

    private static async Task AssertRefused(HttpResponseMessage response, HttpStatusCode status, UploadRefusal refusal, string message)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {body}");
        Assert.Equal(refusal.ToString(), body.GetProperty("refusal").GetString());
        Assert.Contains(message, body.GetProperty("error").GetString(), StringComparison.Ordinal);
    }
}
