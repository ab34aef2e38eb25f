using System.Collections.Concurrent;
using ApexFleet.Abstractions.Registry;
using ApexFleet.Domain.Fleet;
using ApexFleet.Domain.Registry;
using Microsoft.Extensions.Options;

namespace ApexFleet.Grains.Registry;

/// <summary>
/// Each silo's memory of what the registry offers for a model version and variant, so a device's
/// directive names its artifact without a registry call per device. Versions are immutable, so an
/// entry with its delta never changes and is kept for good; "not in the registry" and "no delta yet"
/// are asked again after <see cref="RegistryOptions.MissingArtifactRecheck"/>. Devices asking at once
/// share one lookup.
/// </summary>
public sealed class ArtifactOffers(IGrainFactory grains, IOptions<RegistryOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<ModelRef, Lookup> _known = new();

    public ValueTask<ArtifactOffer?> For(ModelRef model)
    {
        var known = _known.GetOrAdd(model, Start);
        if (!known.Task.IsCompleted)
        {
            return new(known.Task);
        }

        var final = known.Task.IsCompletedSuccessfully && known.Task.Result is { Delta: not null };
        if (final || (known.Task.IsCompletedSuccessfully && clock.GetUtcNow() - known.At < options.Value.MissingArtifactRecheck))
        {
            return new(known.Task.Result);
        }

        var fresh = Start(model);
        _known[model] = fresh;
        return new(fresh.Task);
    }

    private Lookup Start(ModelRef model) => new(Find(model), clock.GetUtcNow());

    private async Task<ArtifactOffer?> Find(ModelRef model) =>
        (await grains.GetGrain<IModelRegistryGrain>(model.ModelId).Find(model.Version, model.Precision))?.ToOffer();

    private sealed record Lookup(Task<ArtifactOffer?> Task, DateTimeOffset At);
}
