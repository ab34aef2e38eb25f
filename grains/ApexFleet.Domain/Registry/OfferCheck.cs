using ApexFleet.Domain.Fleet;

namespace ApexFleet.Domain.Registry;

/// <summary>
/// What a device checks before it fetches a byte: the offer it was given is the artifact it was told
/// to run, as its signed manifest describes it, signed by a key the device itself trusts. The bytes'
/// digest is checked after the download (<see cref="ArtifactInstall"/>).
/// </summary>
public static class OfferCheck
{
    /// <summary>Why the offer cannot be trusted, or null when it can.</summary>
    public static string? Problem(ModelRef wanted, ArtifactOffer offer, ArtifactManifest manifest, TrustedKeys keys)
    {
        if (manifest.ModelId != wanted.ModelId || manifest.Version != wanted.Version || manifest.Variant != wanted.Precision)
        {
            return $"the manifest is {UploadCheck.Name(manifest)}, not the {wanted.Key} the device was directed to";
        }

        if (manifest.Digest != offer.Digest || manifest.SizeBytes != offer.SizeBytes)
        {
            return $"the offer names {offer.SizeBytes} bytes with digest {offer.Digest}, the signed manifest {manifest.SizeBytes} bytes with digest {manifest.Digest}";
        }

        if (keys.Find(offer.KeyId) is not { } key)
        {
            return $"signed by key {offer.KeyId}, which this device does not trust (trusted: {(keys.KeyIds.Count == 0 ? "none" : string.Join(", ", keys.KeyIds))})";
        }

        Span<byte> signature = stackalloc byte[128];
        return !Convert.TryFromBase64String(offer.Signature, signature, out var length) || !key.Verifies(manifest, signature[..length])
            ? $"the signature does not verify with key {offer.KeyId} over {UploadCheck.Name(manifest)}'s manifest"
            : null;
    }
}
