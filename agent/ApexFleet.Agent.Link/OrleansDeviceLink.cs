using System.Net;
using System.Net.Sockets;
using ApexFleet.Abstractions.Devices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Runtime.Messaging;

namespace ApexFleet.Agent.Link;

/// <summary>The device protocol as grain calls through one silo gateway (an Orleans client).</summary>
public sealed class OrleansDeviceLink : IDeviceLink
{
    private readonly IHost _host;
    private readonly IGrainFactory _grains;

    private OrleansDeviceLink(IHost host, string peer)
    {
        _host = host;
        _grains = host.Services.GetRequiredService<IClusterClient>();
        Peer = peer;
    }

    public static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(5);

    public string Peer { get; }

    /// <summary>Connects to the gateway; a <see cref="DeviceLinkDownException"/> when no silo answers there.</summary>
    public static async Task<OrleansDeviceLink> ConnectAsync(IPEndPoint gateway, string clusterId, CancellationToken cancellationToken = default)
    {
        var builder = FleetClientHost.Builder(clusterId, client =>
        {
            client.UseStaticClustering(gateway);
            // A restarted silo comes back on the same gateway: look for it again soon, not after a minute.
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(1));
            // A report answers in milliseconds; one whose silo went away is resent rather than waited on for 30 s.
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = ResponseTimeout);
        });
        // The program owning the link decides when it stops: the client's host must not take SIGTERM or Ctrl-C for itself.
        builder.Services.AddSingleton<IHostLifetime, OwnerLifetime>();
        var host = builder.Build();
        var peer = $"orleans gateway {gateway} (cluster {clusterId})";
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            await host.StartAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            host.Dispose();
            throw new DeviceLinkDownException($"cannot reach {peer}: {ex.GetType().Name}: {ex.Message.Split('\n')[0]}", ex);
        }

        return new OrleansDeviceLink(host, peer);
    }

    public Task<DeviceDirective> EnrolAsync(string deviceId, DeviceProfile profile, ModelSlot? installed, CancellationToken cancellationToken = default) =>
        Call(async () =>
        {
            var device = _grains.GetGrain<IDeviceGrain>(deviceId);
            await device.Enroll(profile, installed);
            return await device.GetDirective();
        }, cancellationToken);

    public async ValueTask<DeviceDirective> ReportAsync(string deviceId, TelemetryReport report, CancellationToken cancellationToken = default)
    {
        try
        {
            return await _grains.GetGrain<IDeviceGrain>(deviceId).Report(report).AsTask().WaitAsync(cancellationToken);
        }
        catch (Exception ex) when (IsDown(ex))
        {
            throw Down(ex);
        }
    }

    public Task<DeviceDirective> GetDirectiveAsync(string deviceId, CancellationToken cancellationToken = default) =>
        Call(() => _grains.GetGrain<IDeviceGrain>(deviceId).GetDirective(), cancellationToken);

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _host.StopAsync(timeout.Token);
        }
        catch (Exception ex) when (IsDown(ex) || ex is OperationCanceledException)
        {
            // A client whose silo is gone has nothing to say goodbye to.
        }

        _host.Dispose();
    }

    private async Task<DeviceDirective> Call(Func<Task<DeviceDirective>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call().WaitAsync(cancellationToken);
        }
        catch (Exception ex) when (IsDown(ex))
        {
            throw Down(ex);
        }
    }

    private DeviceLinkDownException Down(Exception ex) =>
        new($"{Peer}: {ex.GetType().Name}: {ex.Message.Split('\n')[0]}", ex);

    private sealed class OwnerLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>Whether the call failed for want of a silo (rather than because the grain threw).</summary>
    private static bool IsDown(Exception ex) => ex switch
    {
        // Orleans' own failures (no gateway, rejected, shutting down) are the transport's; the device grain answers bad input rather than throwing.
        OrleansException or ConnectionFailedException or TimeoutException or SocketException or ObjectDisposedException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Any(IsDown),
        _ => ex.InnerException is { } inner && IsDown(inner),
    };
}
