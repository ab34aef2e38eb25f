using ApexFleet.Domain.Fleet;
using ApexFleet.Domain.Registry;

namespace ApexFleet.Domain.Tests.Registry;

/// <summary>What a real device checks before it downloads: the offer is the signed manifest of the model it was directed to, by a key it trusts.</summary>
public sealed class OfferCheckTests : IDisposable
{
    private static readonly ModelRef Wanted = new("digits", "2.0.0", Precision.Int8);
    private static readonly ArtifactManifest Manifest = new("digits", "2.0.0", Precision.Int8, ArtifactDigest.Of("abc"u8), 3, "1.0.0", null, null, null, null);

    private readonly SigningKey _key = SigningKey.Generate();
    private readonly SigningKey _stranger = SigningKey.Generate();

    public void Dispose()
    {
        _key.Dispose();
        _stranger.Dispose();
    }

    private TrustedKeys Trusted => TrustedKeys.Parse(_key.PublicKeyText, "trusted.keys");

    private ArtifactOffer OfferSignedBy(SigningKey key, ArtifactManifest manifest) =>
        new("/a", manifest.SizeBytes, manifest.Digest, key.KeyId, Convert.ToBase64String(key.Sign(manifest)), null);

    [Fact]
    public void A_signed_offer_of_the_directed_model_by_a_trusted_key_passes() =>
        Assert.Null(OfferCheck.Problem(Wanted, OfferSignedBy(_key, Manifest), Manifest, Trusted));

    [Fact]
    public void An_untrusted_signer_is_named_with_the_trusted_ones() =>
        Assert.Equal(
            $"signed by key {_stranger.KeyId}, which this device does not trust (trusted: {_key.KeyId})",
            OfferCheck.Problem(Wanted, OfferSignedBy(_stranger, Manifest), Manifest, Trusted));

    [Fact]
    public void A_manifest_changed_after_signing_does_not_verify()
    {
        var offer = OfferSignedBy(_key, Manifest);
        var relabelled = Manifest with { DataClassification = "Public" };

        Assert.Equal(
            $"the signature does not verify with key {_key.KeyId} over model digits version 2.0.0 variant INT8's manifest",
            OfferCheck.Problem(Wanted, offer, relabelled, Trusted));
    }

    [Fact]
    public void An_offer_whose_digest_is_not_the_manifests_is_refused()
    {
        var offer = OfferSignedBy(_key, Manifest) with { Digest = ArtifactDigest.Of("abd"u8) };

        Assert.Equal(
            $"the offer names 3 bytes with digest {ArtifactDigest.Of("abd"u8)}, the signed manifest 3 bytes with digest {Manifest.Digest}",
            OfferCheck.Problem(Wanted, offer, Manifest, Trusted));
    }

    [Fact]
    public void Another_models_manifest_is_refused_even_when_signed()
    {
        var other = Manifest with { Version = "1.0.0" };

        Assert.Equal(
            "the manifest is model digits version 1.0.0 variant INT8, not the digits@2.0.0/INT8 the device was directed to",
            OfferCheck.Problem(Wanted, OfferSignedBy(_key, other), other, Trusted));
    }

    [Fact]
    public void A_signature_that_is_not_base64_is_refused_not_thrown() =>
        Assert.StartsWith("the signature does not verify", OfferCheck.Problem(Wanted, OfferSignedBy(_key, Manifest) with { Signature = "not base64!" }, Manifest, Trusted));
}
