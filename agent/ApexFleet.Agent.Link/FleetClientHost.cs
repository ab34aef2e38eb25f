using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace ApexFleet.Agent.Link;

/// <summary>
/// The Orleans client host every fleet client starts from (agents, the CLI's cluster commands, load
/// tests, benchmarks): quiet, and named as our silos name their cluster (service id = cluster id).
/// </summary>
public static class FleetClientHost
{
    /// <summary>A builder whose client finds its gateways as <paramref name="clustering"/> says.</summary>
    public static HostApplicationBuilder Builder(string clusterId, Action<IClientBuilder> clustering)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = clusterId;
                o.ServiceId = clusterId;
            });
            clustering(client);
        });
        return builder;
    }
}
