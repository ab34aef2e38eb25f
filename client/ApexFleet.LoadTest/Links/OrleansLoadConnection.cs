using System.Net;
using ApexFleet.Abstractions.Devices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace ApexFleet.LoadTest.Links;

/// <summary>
/// An Orleans cluster client of its own (its own gateway connection), so K of them are K connections
/// to the silo, as K device gateways or app servers would be.
/// </summary>
public sealed class OrleansLoadConnection : ILoadConnection
{
    private readonly IHost _host;
    private readonly IGrainFactory _grains;

    private OrleansLoadConnection(IHost host)
    {
        _host = host;
        _grains = host.Services.GetRequiredService<IClusterClient>();
    }

    public IGrainFactory Grains => _grains;

    public static async Task<OrleansLoadConnection> OpenAsync(IPEndPoint gateway, string clusterId, CancellationToken cancellationToken)
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
            client.UseStaticClustering(gateway);
        });
        var host = builder.Build();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(15));
            await host.StartAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            host.Dispose();
            throw new LinkUnavailableException($"cannot reach the Orleans gateway {gateway} of cluster '{clusterId}' ({ex.GetType().Name}: {ex.Message.Split('\n')[0]}); is `./apexfleet silo` running?");
        }

        return new OrleansLoadConnection(host);
    }

    public IDeviceChannel Device(string deviceId) => new Channel(_grains.GetGrain<IDeviceGrain>(deviceId));

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.StopAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception)
        {
            // A gateway that went away mid-run: nothing left to close politely.
        }

        _host.Dispose();
    }

    private sealed class Channel(IDeviceGrain grain) : IDeviceChannel
    {
        public Task EnrolAsync(DeviceProfile profile, ModelSlot? installed) => grain.Enroll(profile, installed);

        public ValueTask<DeviceDirective> ReportAsync(TelemetryReport report) => grain.Report(report);
    }
}
