using ApexFleet.Grains.Cohorts;
using ApexFleet.Grains.Deployments;
using ApexFleet.Grains.Fleet;
using ApexFleet.Grains.GitOps;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;

namespace ApexFleet.Grains;

public static class FleetGrainsSiloBuilderExtensions
{
    /// <summary>Adds the per-silo services the fleet grains rely on (delta buffer, assignment cache).</summary>
    public static ISiloBuilder AddFleetGrains(this ISiloBuilder silo, Action<CohortFlushOptions>? flush = null, Action<FleetGrainOptions>? grains = null)
    {
        silo.Services.AddOptions<FleetGrainOptions>().Configure(o => grains?.Invoke(o));

        // State is stored in Orleans' own binary format: a third of the JSON's size and several times
        // cheaper to write, which is what an install wave across a million devices is made of.
        silo.Services.AddSingleton<IGrainStorageSerializer>(sp => new OrleansGrainStorageSerializer(sp.GetRequiredService<Serializer>()));
        silo.Services.AddSingleton<CohortDeltaBuffer>();
        silo.Services.AddSingleton<AssignmentCache>();
        silo.Services.AddSingleton(TimeProvider.System);
        silo.Services.AddOptions<CohortFlushOptions>().Configure(o => flush?.Invoke(o));
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, CohortDeltaFlusher>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, AssignmentRefresher>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, ActiveRolloutKeeper>();
        silo.Services.AddOptions<GitOpsOptions>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, GitOpsKeeper>();
        return silo;
    }
}
