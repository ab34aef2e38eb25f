using ApexFleet.Abstractions.Registry;
using ApexFleet.Domain.Registry;
using Microsoft.Extensions.Options;

namespace ApexFleet.Grains.Registry;

/// <summary>
/// A push, end to end: hash the bytes into the store's staging area, refuse them unless they are the
/// signed bytes from a trusted key, keep them, register the version, then make its delta from the
/// previous version of the same variant. The bytes are checked here, where they arrive; the registry
/// grain checks the signature again, so no client can register around this path.
/// </summary>
public sealed class ArtifactPublisher(ArtifactStore store, IGrainFactory grains, IOptions<RegistryOptions> options)
{
    public async Task<RegisterOutcome> PublishAsync(SignedArtifact artifact, Stream bytes, CancellationToken cancellationToken)
    {
        var staged = await store.StageAsync(bytes, cancellationToken);
        if ((artifact.Problem(options.Value.TrustedKeys) ?? UploadCheck.Bytes(artifact.Manifest, staged.Digest, staged.SizeBytes)) is { } problem)
        {
            store.Discard(staged);
            return RegisterOutcome.Refused(problem);
        }

        store.Keep(staged);
        var registry = grains.GetGrain<IModelRegistryGrain>(artifact.Manifest.ModelId);
        var outcome = await registry.Register(artifact);
        if (outcome is { Entry: { Delta: null } entry, DeltaBase: { } from } && store.Has(from.Manifest.Digest))
        {
            var previous = await store.ReadAsync(from.Manifest.Digest, cancellationToken);
            var next = await store.ReadAsync(entry.Manifest.Digest, cancellationToken);
            var delta = await Task.Run(() => DeltaCodec.Create(previous, next), cancellationToken);
            var digest = await store.PutAsync(delta, cancellationToken);
            var recorded = await registry.RecordDelta(entry.Manifest.Version, entry.Manifest.Variant, new ArtifactDelta(from.Manifest.Version, from.Manifest.Digest, digest, delta.Length));
            outcome = outcome with { Entry = recorded };
        }

        return outcome;
    }
}
