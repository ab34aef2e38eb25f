using ApexFleet.Abstractions.Registry;
using ApexFleet.Domain.Fleet;
using ApexFleet.Domain.Registry;
using Microsoft.Extensions.Options;

namespace ApexFleet.Grains.Registry;

/// <summary>One model's registry entries; the rules are <see cref="UploadCheck"/>'s and <see cref="DeltaBase"/>'s.</summary>
public sealed class ModelRegistryGrain(
    [PersistentState(FleetStorage.RegistryState, FleetStorage.ProviderName)] IPersistentState<ModelRegistryState> state,
    IOptions<RegistryOptions> options,
    TimeProvider clock) : Grain, IModelRegistryGrain
{
    private List<RegisteredArtifact> Artifacts => state.State.Artifacts;

    public async Task<RegisterOutcome> Register(SignedArtifact artifact)
    {
        var manifest = artifact.Manifest;
        if (manifest.ModelId != this.GetPrimaryKeyString())
        {
            return RegisterOutcome.Refused(new(UploadRefusal.InvalidManifest, $"{UploadCheck.Name(manifest)} was sent to the registry of model {this.GetPrimaryKeyString()}"));
        }

        if (artifact.Problem(options.Value.TrustedKeys) is { } problem)
        {
            return RegisterOutcome.Refused(problem);
        }

        var existing = Entry(manifest.Version, manifest.Variant);
        if (UploadCheck.Immutable(existing?.Manifest, manifest) is { } changed)
        {
            return RegisterOutcome.Refused(changed);
        }

        var entry = existing ?? new RegisteredArtifact(manifest, artifact.KeyId!, artifact.Signature!, clock.GetUtcNow());
        var deltaBase = entry.Delta is null ? DeltaBase.For(manifest, Artifacts, a => a.Manifest) : null;
        if (existing is null)
        {
            Artifacts.Add(entry);
            await state.WriteCountedAsync(this, "registry");
            await GrainFactory.GetGrain<IModelCatalogGrain>(0).Add(manifest.ModelId);
        }

        return new RegisterOutcome(entry, existing is null, deltaBase, null, null);
    }

    public async Task<RegisteredArtifact> RecordDelta(string version, Precision variant, ArtifactDelta delta)
    {
        var index = Artifacts.FindIndex(a => a.Manifest.Version == version && a.Manifest.Variant == variant);
        if (index < 0)
        {
            throw new InvalidOperationException($"model {this.GetPrimaryKeyString()} has no version {version} variant {variant.ToLabel()} to record a delta for");
        }

        var entry = Artifacts[index];
        if (entry.Delta is null)
        {
            entry = Artifacts[index] = entry with { Delta = delta };
            await state.WriteCountedAsync(this, "registry");
        }

        return entry;
    }

    public Task<RegisteredArtifact?> Find(string version, Precision variant) => Task.FromResult(Entry(version, variant));

    public Task<IReadOnlyList<RegisteredArtifact>> GetArtifacts() => Task.FromResult<IReadOnlyList<RegisteredArtifact>>([.. Artifacts]);

    private RegisteredArtifact? Entry(string version, Precision variant) =>
        Artifacts.Find(a => a.Manifest.Version == version && a.Manifest.Variant == variant);
}
