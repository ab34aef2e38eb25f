using ApexFleet.LoadTest.Links;
using ApexFleet.LoadTest.Targets;

namespace ApexFleet.Cli.Commands;

/// <summary>The connections of a load test, opened at once and closed together.</summary>
public sealed class LoadLink : IAsyncDisposable
{
    private LoadLink(IReadOnlyList<ILoadConnection> connections, string target)
    {
        Connections = connections;
        Target = target;
    }

    public IReadOnlyList<ILoadConnection> Connections { get; }

    public string Target { get; }

    public static async Task<LoadLink> OpenAsync(LoadOptions options, CancellationToken cancellationToken)
    {
        if (options.Transport == "http")
        {
            _ = LoopbackTarget.ParseUrl(options.Url ?? $"http://127.0.0.1:{LoopbackTarget.DefaultHttpPort}");
            throw new TargetException("--transport http needs the silo's device endpoint, which this build does not have yet; use --transport orleans");
        }

        var gateway = LoopbackTarget.ParseGateway(options.Gateway ?? $"127.0.0.1:{LoopbackTarget.DefaultGatewayPort}");
        var opened = await Task.WhenAll(Enumerable.Range(0, options.Connections)
            .Select(async _ => (ILoadConnection)await OrleansLoadConnection.OpenAsync(gateway, options.ClusterId, cancellationToken)));
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
