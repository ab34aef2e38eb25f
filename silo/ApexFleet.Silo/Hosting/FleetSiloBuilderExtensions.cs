using System.Net;
using ApexFleet.Domain.Registry;
using ApexFleet.Grains;
using ApexFleet.Grains.Registry;
using ApexFleet.Silo.Database;
using ApexFleet.Silo.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;

namespace ApexFleet.Silo.Hosting;

public static class FleetSiloBuilderExtensions
{
    public const string AdoNetInvariant = "Npgsql";

    /// <summary>Clustering, storage and fleet grains as the options say: one code path for every mode.</summary>
    public static ISiloBuilder UseFleet(this ISiloBuilder silo, FleetSiloOptions options)
    {
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = options.ClusterId;
            o.ServiceId = options.ClusterId;
        });

        if (options.Clustering == ClusteringMode.AdoNet)
        {
            silo.UseAdoNetClustering(o =>
            {
                o.Invariant = AdoNetInvariant;
                o.ConnectionString = FleetDatabase.WithDefaults(options.ConnectionString!);
            });
            silo.ConfigureEndpoints(IPAddress.Loopback, options.SiloPort, options.GatewayPort);

            // A joining silo must reach every Active row it does not know to be stale. After every silo
            // was killed, their rows stay Active: with the default 30 s heartbeat a restarted cluster
            // waits minutes for them to go stale (docs/RELIABILITY.md); a 5 s heartbeat, one small
            // UPDATE per silo, makes that seconds.
            silo.Configure<ClusterMembershipOptions>(o => o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5));
        }
        else
        {
            silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, serviceId: options.ClusterId, clusterId: options.ClusterId);

            // One silo owns the whole grain directory, so every lookup is local; Orleans' directory
            // cache would hold a second entry per activation for nothing.
            silo.Configure<GrainDirectoryOptions>(o => o.CachingStrategy = GrainDirectoryOptions.CachingStrategyType.None);
        }

        if (options.Storage == StorageMode.AdoNet)
        {
            silo.AddAdoNetGrainStorage(FleetStorage.ProviderName, o =>
            {
                o.Invariant = AdoNetInvariant;
                o.ConnectionString = FleetDatabase.WithDefaults(options.ConnectionString!);
            });
        }
        else if (options.Clustering == ClusteringMode.Localhost)
        {
            // A fleet of one silo: its own memory is the whole store, without a storage grain per write.
            silo.Services.AddGrainStorage(FleetStorage.ProviderName, static (services, _) => new SiloMemoryGrainStorage(services.GetRequiredService<Serializer>()));
        }
        else
        {
            silo.AddMemoryGrainStorage(FleetStorage.ProviderName);
        }

        var trusted = options.TrustedKeysFile is { } file ? TrustedKeys.Parse(File.ReadAllText(file), file) : TrustedKeys.None;
        silo.Services.Configure<RegistryOptions>(o =>
        {
            o.DataDirectory = options.DataDirectory;
            o.TrustedKeys = trusted;
        });

        return silo.AddFleetGrains(
            flush => flush.Interval = options.CohortFlushInterval,
            grains =>
            {
                grains.SaveOnShutdown = options.Storage != StorageMode.Memory;
                grains.WriteThrough = options.WriteThrough ?? options.Storage == StorageMode.AdoNet;
                grains.KeeperInterval = options.KeeperInterval;
                grains.CohortKey = options.CohortKey;
                grains.DriverGracePeriod = options.DriverGracePeriod;
                grains.DeviceReportRate = options.DeviceReportRate;
                grains.DefaultInconclusive = options.InconclusiveLimit;
                grains.Cost = options.Cost ?? Domain.FinOps.CostModel.Default;
            });
    }
}
