using ApexFleet.Abstractions.Fleet;
using ApexFleet.Domain.Registry;
using ApexFleet.Grains;
using ApexFleet.Grains.Cohorts;
using ApexFleet.Grains.Fleet;
using ApexFleet.Grains.Registry;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace ApexFleet.Grains.Tests;

/// <summary>A real two-silo Orleans cluster in this process, with in-memory storage.</summary>
public sealed class FleetClusterFixture : IAsyncLifetime
{
    public InProcessTestCluster Cluster { get; } = new InProcessTestClusterBuilder(2)
        .ConfigureSilo((_, silo) => silo
            .AddMemoryGrainStorage(FleetStorage.ProviderName)
            .AddFleetGrains(flush => flush.Interval = TimeSpan.FromHours(1), grains => grains.DefaultInconclusive = Domain.Rollout.InconclusivePolicy.SiloDefault)
            .Configure<RegistryOptions>(o => o.TrustedKeys = new TrustedKeys([TrustedKey.Parse(RegistryKey.PublicKeyText, "test key")])))
        .Build();

    /// <summary>The key every silo's registry trusts.</summary>
    public static SigningKey RegistryKey { get; } = SigningKey.Generate();

    public IGrainFactory Grains => Cluster.Client;

    /// <summary>Pushes every silo's buffered deltas to the cohorts now (the timer is set to an hour).</summary>
    public Task FlushAsync() => Task.WhenAll(Cluster.Silos.Select(s => s.ServiceProvider.GetRequiredService<CohortDeltaBuffer>().FlushAsync()));

    /// <summary>Brings every silo's assignment cache up to date now instead of at its next one-second refresh.</summary>
    public async Task SyncAssignmentsAsync()
    {
        var table = await Grains.GetGrain<IFleetDirectoryGrain>(0).GetAssignments();
        foreach (var silo in Cluster.Silos)
        {
            silo.ServiceProvider.GetRequiredService<AssignmentCache>().Apply(table);
        }
    }

    public async ValueTask InitializeAsync() => await Cluster.DeployAsync();

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class FleetClusterCollection : ICollectionFixture<FleetClusterFixture>
{
    public const string Name = "fleet cluster";
}
