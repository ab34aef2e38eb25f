using ApexFleet.Abstractions.Devices;
using ApexFleet.Domain.Rollout;
using ApexFleet.Grains.Cohorts;
using ApexFleet.Grains.Deployments;
using ApexFleet.Grains.Devices;
using ApexFleet.Grains.Fleet;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization.Configuration;

namespace ApexFleet.Grains;

public static class FleetGrainsSiloBuilderExtensions
{
    /// <summary>Adds the per-silo services the fleet grains rely on (delta buffer, assignment cache).</summary>
    public static ISiloBuilder AddFleetGrains(this ISiloBuilder silo, Action<CohortFlushOptions>? flush = null, Action<FleetGrainOptions>? grains = null)
    {
        silo.Services.AddOptions<FleetGrainOptions>().Configure(o => grains?.Invoke(o));

        // Grain state is stored as JSON with type names; only our own assemblies may be named there.
        silo.Services.Configure<TypeManifestOptions>(types =>
        {
            types.AddAllowedAssembly(typeof(DeviceGrain).Assembly);
            types.AddAllowedAssembly(typeof(IDeviceGrain).Assembly);
            types.AddAllowedAssembly(typeof(VariantMetrics).Assembly);
        });
        silo.Services.AddSingleton<CohortDeltaBuffer>();
        silo.Services.AddSingleton<AssignmentCache>();
        silo.Services.AddSingleton(TimeProvider.System);
        silo.Services.AddOptions<CohortFlushOptions>().Configure(o => flush?.Invoke(o));
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, CohortDeltaFlusher>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, AssignmentRefresher>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, ActiveRolloutKeeper>();
        return silo;
    }
}
