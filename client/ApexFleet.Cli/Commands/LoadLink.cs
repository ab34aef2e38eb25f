using ApexFleet.Agent.Link;
using ApexFleet.LoadTest.Targets;

namespace ApexFleet.Cli.Commands;

/// <summary>The connections of a load test (the agent's own device links), opened at once and closed together.</summary>
public sealed class LoadLink : IAsyncDisposable
{
    private LoadLink(IReadOnlyList<IDeviceLink> connections, string target)
    {
        Connections = connections;
        Target = target;
    }

    public IReadOnlyList<IDeviceLink> Connections { get; }

    public string Target { get; }

    /// <summary>K links to a loopback target; a <see cref="DeviceLinkDownException"/> when the gateway does not answer.</summary>
    public static async Task<LoadLink> OpenAsync(LoadOptions options, CancellationToken cancellationToken)
    {
        if (options.Transport == "http")
        {
            var url = LoopbackTarget.ParseUrl(options.Url ?? $"http://127.0.0.1:{LoopbackTarget.DefaultHttpPort}");
            return new LoadLink([.. Enumerable.Range(0, options.Connections).Select(_ => HttpDeviceLink.Create(url))], url.ToString());
        }

        var gateway = LoopbackTarget.ParseGateway(options.Gateway ?? $"127.0.0.1:{LoopbackTarget.DefaultGatewayPort}");
        var opened = new List<IDeviceLink>();
        try
        {
            foreach (var link in await Task.WhenAll(Enumerable.Range(0, options.Connections).Select(_ => OrleansDeviceLink.ConnectAsync(gateway, options.ClusterId, cancellationToken))))
            {
                opened.Add(link);
            }
        }
        catch (DeviceLinkDownException)
        {
            await new LoadLink(opened, "").DisposeAsync();
            throw;
        }

        return new LoadLink(opened, gateway.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in Connections)
        {
            await connection.DisposeAsync();
        }
    }
}
