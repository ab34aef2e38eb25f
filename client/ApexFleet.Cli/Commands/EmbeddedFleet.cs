using System.Net;
using System.Net.Sockets;
using ApexFleet.Grains.Cohorts;
using ApexFleet.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ApexFleet.Cli.Commands;

/// <summary>
/// A real Orleans silo inside this process (localhost clustering, in-memory storage): the default
/// home of a simulation. Ports are picked free so it never collides with a running silo.
/// </summary>
public sealed class EmbeddedFleet : IAsyncDisposable
{
    private readonly IHost _host;

    private EmbeddedFleet(IHost host) => _host = host;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public static async Task<EmbeddedFleet> StartAsync(CancellationToken cancellationToken)
    {
        var options = new FleetSiloOptions
        {
            SiloPort = FreePort(),
            GatewayPort = FreePort(),
            ClusterId = $"embedded-{Environment.ProcessId}",
            // The simulator flushes deltas itself before each decision; the timer is only a safety net.
            CohortFlushInterval = TimeSpan.FromSeconds(5),
        };
        var host = FleetSiloHost.BuildEmbedded(options);
        await host.StartAsync(cancellationToken);
        return new EmbeddedFleet(host);
    }

    public Task FlushCohortDeltasAsync() => _host.Services.GetRequiredService<CohortDeltaBuffer>().FlushAsync();

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _host.StopAsync(timeout.Token);
        _host.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
