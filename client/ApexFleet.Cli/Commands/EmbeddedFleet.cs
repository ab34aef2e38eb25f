using ApexFleet.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ApexFleet.Cli.Commands;

/// <summary>
/// A real Orleans silo inside this process: on its own (localhost clustering, in-memory storage),
/// the default home of a simulation; or as a simulator silo that joins a durable cluster and hosts
/// a share of its grains. Ports are picked free so it never collides with a running silo.
/// </summary>
public sealed class EmbeddedFleet : IAsyncDisposable
{
    /// <summary>How long a tick waits for the other silos' timers to flush their deltas.</summary>
    private static readonly TimeSpan ClusterFlushWait = new FleetSiloOptions().CohortFlushInterval * 2;

    private readonly IHost _host;
    private readonly bool _alone;

    private EmbeddedFleet(IHost host, bool alone)
    {
        _host = host;
        _alone = alone;
    }

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    /// <param name="cost">What the rollout is priced with; null: the defaults.</param>
    public static Task<EmbeddedFleet> StartAsync(CancellationToken cancellationToken, Domain.FinOps.CostModel? cost = null) => StartAsync(writeThrough: false, cancellationToken, cost);

    /// <summary>The embedded silo, storing every report before answering it when <paramref name="writeThrough"/> (what a durable cluster does; the benchmark measures its cost).</summary>
    public static Task<EmbeddedFleet> StartAsync(bool writeThrough, CancellationToken cancellationToken, Domain.FinOps.CostModel? cost = null) => StartAsync(new FleetSiloOptions
    {
        WriteThrough = writeThrough,
        Cost = cost,
        SiloPort = FreePort(),
        GatewayPort = FreePort(),
        ClusterId = $"embedded-{Environment.ProcessId}",
        // The simulator flushes deltas itself before each decision; the timer is only a safety net.
        CohortFlushInterval = TimeSpan.FromSeconds(5),
        // The simulator is the only driver and the cluster dies with it: nothing to take over, and
        // no evaluation off the simulated clock however long a tick takes (runs stay reproducible).
        DriverGracePeriod = null,
        // Its phones report on simulated time, as fast as the CPU allows; no one else can reach them.
        DeviceReportRate = null,
        InconclusiveLimit = null,
    }, cancellationToken);

    /// <summary>A simulator silo: joins the cluster registered in PostgreSQL under <paramref name="clusterId"/>.</summary>
    public static Task<EmbeddedFleet> JoinAsync(string connectionString, string clusterId, CancellationToken cancellationToken) => StartAsync(new FleetSiloOptions
    {
        Clustering = ClusteringMode.AdoNet,
        Storage = StorageMode.AdoNet,
        ConnectionString = connectionString,
        ClusterId = clusterId,
        SiloPort = FreePort(),
        GatewayPort = FreePort(),
    }, cancellationToken);

    private static async Task<EmbeddedFleet> StartAsync(FleetSiloOptions options, CancellationToken cancellationToken)
    {
        var host = FleetSiloHost.BuildEmbedded(options);
        await host.StartAsync(cancellationToken);
        return new EmbeddedFleet(host, options.Clustering == ClusteringMode.Localhost);
    }

    /// <summary>
    /// Makes every delta recorded so far visible to the cohorts. Alone, that is exact; in a cluster
    /// the other silos flush on their timers, so the tick also waits for them (and is no longer
    /// guaranteed deterministic: decisions can see a slightly different slice of the data).
    /// </summary>
    public async Task FlushCohortDeltasAsync()
    {
        await _host.FlushCohortDeltasAsync();
        if (!_alone)
        {
            await Task.Delay(ClusterFlushWait);
        }
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _host.StopAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // A simulator silo whose cluster is gone may not leave in time: it just goes, and the
            // others declare it dead. The run's outcome (or its loss) is already reported.
        }

        _host.Dispose();
    }

    /// <summary>A loopback port nobody listens on right now.</summary>
    public static int FreePort() => LoopbackPorts.Free();
}
