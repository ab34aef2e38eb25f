using ApexFleet.Domain.Registry;
using ApexFleet.Testing;

namespace ApexFleet.Domain.Tests.Registry;

public class DeltaTests
{
    private const int Tensors = 40;
    private const int FloatsPerTensor = 4096;

    [Fact]
    public void A_delta_rebuilds_the_exact_bytes_and_is_far_smaller_than_the_artifact()
    {
        var previous = RegistryTestArtifacts.Weights(Tensors, FloatsPerTensor, 10);
        var next = RegistryTestArtifacts.Retrained(previous, Tensors, every: 10, seed: 11);

        var delta = DeltaCodec.Create(previous, next);
        var rebuilt = DeltaCodec.Apply(previous, delta, next.Length);

        Assert.Equal(ArtifactDigest.Of(next), ArtifactDigest.Of(rebuilt));
        Assert.Equal(next, rebuilt);
        // 4 of 40 tensors changed, and random floats do not compress: the delta is about their 10 %.
        Assert.InRange(delta.Length, next.Length * 0.10, next.Length * 0.12);
    }

    [Fact]
    public async Task An_installer_with_the_base_takes_the_delta()
    {
        var (previous, next, offer, store) = Published();

        var result = await ArtifactInstall.RunAsync(offer, previous, url => Task.FromResult(store[url]), Trusted(), TestContext.Current.CancellationToken);

        Assert.Equal(InstallPath.Delta, result.Path);
        Assert.Equal(next, result.Artifact);
        Assert.Equal((0L, (long)store["/delta"].Length), (result.FullBytes, result.DeltaBytes));
    }

    [Fact]
    public async Task A_broken_delta_falls_back_to_the_full_download()
    {
        var (previous, next, offer, store) = Published();
        var broken = (byte[])store["/delta"].Clone();
        broken[broken.Length / 2] ^= 0xFF;
        store["/delta"] = broken;

        var result = await ArtifactInstall.RunAsync(offer, previous, url => Task.FromResult(store[url]), Trusted(), TestContext.Current.CancellationToken);

        Assert.Equal(InstallPath.FullAfterBrokenDelta, result.Path);
        Assert.Equal(next, result.Artifact);
        Assert.Equal((long)next.Length, result.FullBytes);
        Assert.Equal(broken.Length, result.DeltaBytes);
        Assert.NotNull(result.Reason);
    }

    [Fact]
    public async Task A_delta_from_other_bytes_is_not_tried()
    {
        var (_, next, offer, store) = Published();
        var other = RegistryTestArtifacts.Weights(Tensors, FloatsPerTensor, 99);

        var result = await ArtifactInstall.RunAsync(offer, other, url => Task.FromResult(store[url]), Trusted(), TestContext.Current.CancellationToken);

        Assert.Equal(InstallPath.Full, result.Path);
        Assert.Equal(0, result.DeltaBytes);
        Assert.Equal(next, result.Artifact);
    }

    [Fact]
    public async Task An_installer_refuses_a_one_byte_tamper()
    {
        var (_, next, offer, store) = Published();
        var tampered = (byte[])next.Clone();
        tampered[12345] ^= 0x01;
        store["/full"] = tampered;

        var result = await ArtifactInstall.RunAsync(offer, null, url => Task.FromResult(store[url]), Trusted(), TestContext.Current.CancellationToken);

        Assert.Equal(InstallPath.Refused, result.Path);
        Assert.Null(result.Artifact);
        Assert.Equal($"refused: digest {ArtifactDigest.Of(tampered)} is not the signed {offer.Digest}", result.Reason);
    }

    [Fact]
    public async Task An_installer_refuses_a_bad_or_untrusted_signature_before_fetching_anything()
    {
        var (_, _, offer, store) = Published();
        using var stranger = SigningKey.Generate();
        var fetched = 0;
        Task<byte[]> Fetch(string url)
        {
            fetched++;
            return Task.FromResult(store[url]);
        }

        var forged = offer with { Manifest = offer.Manifest! with { TrainingData = "s3://elsewhere" } };
        var byStranger = offer with { KeyId = stranger.KeyId, Signature = Convert.ToBase64String(stranger.Sign(offer.Manifest!)) };
        var garbled = offer with { Signature = "not base64!" };
        var results = new[]
        {
            await ArtifactInstall.RunAsync(forged, null, Fetch, Trusted(), TestContext.Current.CancellationToken),
            await ArtifactInstall.RunAsync(byStranger, null, Fetch, Trusted(), TestContext.Current.CancellationToken),
            await ArtifactInstall.RunAsync(garbled, null, Fetch, Trusted(), TestContext.Current.CancellationToken),
            await ArtifactInstall.RunAsync(offer with { Manifest = null }, null, Fetch, Trusted(), TestContext.Current.CancellationToken),
        };

        Assert.All(results, r => Assert.Equal((InstallPath.Refused, null, 0L), (r.Path, r.Artifact, r.FullBytes)));
        Assert.Equal(
        [
            $"refused: the signature does not verify with key {Key.KeyId}",
            $"refused: signer key {stranger.KeyId} is not trusted",
            $"refused: the signature does not verify with key {Key.KeyId}",
            "refused: the offer carries no signed manifest",
        ], results.Select(r => r.Reason));
        Assert.Equal(0, fetched);
    }

    [Fact]
    public void A_signature_is_verified_once_however_many_installers_ask()
    {
        var (_, _, offer, _) = Published();
        var verdicts = Trusted();

        var problems = Enumerable.Range(0, 1000).Select(_ => verdicts.Problem(offer)).ToList();
        var otherBytes = verdicts.Problem(offer with { Digest = ArtifactDigest.Of("other"u8) });

        Assert.All(problems, Assert.Null);
        Assert.Equal(1, verdicts.Verifications);
        // A cached verdict never vouches for other bytes: the offer must still match what was signed.
        Assert.StartsWith("the offer's sha256:", otherBytes, StringComparison.Ordinal);
    }

    private static readonly SigningKey Key = SigningKey.Generate();

    private static SignatureVerdicts Trusted() => new(new TrustedKeys([TrustedKey.Parse(Key.PublicKeyText, "test key")]));

    private static (byte[] Previous, byte[] Next, ArtifactOffer Offer, Dictionary<string, byte[]> Store) Published()
    {
        var previous = RegistryTestArtifacts.Weights(Tensors, FloatsPerTensor, 20);
        var next = RegistryTestArtifacts.Retrained(previous, Tensors, every: 10, seed: 21);
        var store = new Dictionary<string, byte[]> { ["/full"] = next, ["/delta"] = DeltaCodec.Create(previous, next) };
        var manifest = RegistryTestArtifacts.Manifest(next);
        var offer = new ArtifactOffer("/full", next.Length, manifest.Digest, Key.KeyId, Convert.ToBase64String(Key.Sign(manifest)),
            new DeltaOffer("1.0.0", ArtifactDigest.Of(previous), "/delta", store["/delta"].Length), manifest);
        return (previous, next, offer, store);
    }
}
