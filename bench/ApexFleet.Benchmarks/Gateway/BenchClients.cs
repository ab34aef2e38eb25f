using System.Net;
using ApexFleet.Agent.Link;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ApexFleet.Benchmarks.Gateway;

/// <summary>
/// K Orleans cluster clients of one gateway, each its own connection: the raw no-op calls and the
/// telemetry go through these same K connections, so the two rates differ only in the call.
/// </summary>
internal sealed class BenchClients : IAsyncDisposable
{
    private readonly List<IHost> _hosts;

    private BenchClients(List<IHost> hosts) => _hosts = hosts;

    public IReadOnlyList<IGrainFactory> Grains => [.. _hosts.Select(h => h.Services.GetRequiredService<IClusterClient>())];

    /// <summary>Connects K clients, waiting up to <paramref name="patience"/> for a silo that is still starting.</summary>
    public static async Task<BenchClients> ConnectAsync(IPEndPoint gateway, string clusterId, int count, TimeSpan patience)
    {
        var hosts = new List<IHost>();
        var deadline = DateTime.UtcNow + patience;
        while (hosts.Count < count)
        {
            var host = FleetClientHost.Builder(clusterId, client => client.UseStaticClustering(gateway)).Build();
            try
            {
                await host.StartAsync();
                hosts.Add(host);
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                host.Dispose();
                await Task.Delay(500);
            }
        }

        return new BenchClients(hosts);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.StopAsync();
            host.Dispose();
        }
    }
}
