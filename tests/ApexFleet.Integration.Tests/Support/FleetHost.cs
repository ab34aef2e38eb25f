using ApexFleet.Abstractions.Fleet;
using ApexFleet.Cli.Commands;
using ApexFleet.Grains.Cohorts;
using ApexFleet.Grains.Fleet;
using ApexFleet.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ApexFleet.Integration.Tests.Support;

/// <summary>A silo built exactly as the product builds it, started and stopped by a test.</summary>
public sealed class FleetHost : IAsyncDisposable
{
    private readonly IHost _host;
    private bool _stopped;

    private FleetHost(IHost host) => _host = host;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public IServiceProvider Services => _host.Services;

    public static FleetSiloOptions Durable(string serviceId) => new()
    {
        Clustering = ClusteringMode.AdoNet,
        Storage = StorageMode.AdoNet,
        ConnectionString = TestPostgres.ConnectionString,
        ClusterId = serviceId,
        SiloPort = FreePort(),
        GatewayPort = FreePort(),
        CohortFlushInterval = TimeSpan.FromHours(1),
    };

    /// <summary>The same cluster, service and database on fresh ports, as a restarted silo would be.</summary>
    public static FleetSiloOptions Restarted(FleetSiloOptions options) => new()
    {
        Clustering = options.Clustering,
        Storage = options.Storage,
        ConnectionString = options.ConnectionString,
        ClusterId = options.ClusterId,
        SiloPort = FreePort(),
        GatewayPort = FreePort(),
        CohortFlushInterval = options.CohortFlushInterval,
    };

    public static async Task<FleetHost> StartAsync(FleetSiloOptions options)
    {
        var host = FleetSiloHost.BuildEmbedded(options);
        await host.StartAsync();
        return new FleetHost(host);
    }

    public Task FlushAsync() => _host.Services.GetRequiredService<CohortDeltaBuffer>().FlushAsync();

    public async Task SyncAssignmentsAsync() =>
        _host.Services.GetRequiredService<AssignmentCache>().Apply(await Grains.GetGrain<IFleetDirectoryGrain>(0).GetAssignments());

    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await _host.StopAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _host.Dispose();
    }

    public static int FreePort() => EmbeddedFleet.FreePort();
}
