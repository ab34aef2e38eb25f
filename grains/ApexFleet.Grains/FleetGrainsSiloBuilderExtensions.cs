using ApexFleet.Grains.Cohorts;
using ApexFleet.Grains.Fleet;
using Microsoft.Extensions.DependencyInjection;

namespace ApexFleet.Grains;

public static class FleetGrainsSiloBuilderExtensions
{
    /// <summary>Adds the per-silo services the fleet grains rely on (delta buffer, assignment cache).</summary>
    public static ISiloBuilder AddFleetGrains(this ISiloBuilder silo, Action<CohortFlushOptions>? flush = null, Action<FleetGrainOptions>? grains = null)
    {
        silo.Services.AddOptions<FleetGrainOptions>().Configure(o => grains?.Invoke(o));
        silo.Services.AddSingleton<CohortDeltaBuffer>();
        silo.Services.AddSingleton<AssignmentCache>();
        silo.Services.AddSingleton(TimeProvider.System);
        silo.Services.AddOptions<CohortFlushOptions>().Configure(o => flush?.Invoke(o));
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, CohortDeltaFlusher>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, AssignmentRefresher>();
        return silo;
    }
}
