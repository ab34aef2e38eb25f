using System.Collections.Concurrent;

namespace ApexFleet.Domain.Registry;

/// <summary>
/// An installer's check that an offer is signed by a trusted key: the signature over the offer's
/// manifest verifies, and the manifest vouches for the digest and size offered. Ed25519 costs tens of
/// microseconds; a fleet of a million phones asks about the same handful of offers, so each
/// (digest, key, signature) is verified once and its verdict kept. The digest and size are compared on
/// every call (string compares), so a cached verdict never vouches for other bytes.
/// </summary>
public sealed class SignatureVerdicts(TrustedKeys trusted)
{
    private readonly ConcurrentDictionary<(string Digest, string KeyId, string Signature), string?> _verdicts = new();
    private long _verifications;

    /// <summary>How many signatures were actually verified (not answered from the cache).</summary>
    public long Verifications => Interlocked.Read(ref _verifications);

    /// <summary>Why the offer is not trustworthy, or null when its signature holds.</summary>
    public string? Problem(ArtifactOffer offer)
    {
        if (offer.Manifest is not { } manifest)
        {
            return "the offer carries no signed manifest";
        }

        if (manifest.Digest != offer.Digest || manifest.SizeBytes != offer.SizeBytes)
        {
            return $"the offer's {offer.Digest} ({offer.SizeBytes} bytes) is not the signed {manifest.Digest} ({manifest.SizeBytes} bytes)";
        }

        return _verdicts.GetOrAdd((offer.Digest, offer.KeyId, offer.Signature), _ => Verify(offer, manifest));
    }

    private string? Verify(ArtifactOffer offer, ArtifactManifest manifest)
    {
        Interlocked.Increment(ref _verifications);
        if (trusted.Find(offer.KeyId) is not { } key)
        {
            return $"signer key {offer.KeyId} is not trusted";
        }

        var signature = new byte[64];
        if (!Convert.TryFromBase64String(offer.Signature, signature, out var length) || !key.Verifies(manifest, signature.AsSpan(0, length)))
        {
            return $"the signature does not verify with key {offer.KeyId}";
        }

        return null;
    }
}
