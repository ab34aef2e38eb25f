using ApexFleet.Agent.Link;
using ApexFleet.LoadTest;
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

    /// <summary>
    /// K links to a loopback target; a <see cref="DeviceLinkDownException"/> when the gateway does not answer.
    /// Over HTTP every agent first gets its own device credential, issued with the admin token.
    /// </summary>
    public static async Task<LoadLink> OpenAsync(LoadOptions options, LoadPlan plan, CancellationToken cancellationToken)
    {
        if (options.Transport == "http")
        {
            var url = LoopbackTarget.ParseUrl(options.Url ?? $"http://127.0.0.1:{LoopbackTarget.DefaultHttpPort}");
            var credentials = await IssueCredentialsAsync(url, options.Token, plan, cancellationToken);
            return new LoadLink([.. Enumerable.Range(0, options.Connections).Select(_ => HttpDeviceLink.Create(url, credentials))], url.ToString());
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

    private static async Task<DeviceCredentialBook> IssueCredentialsAsync(Uri url, string? token, LoadPlan plan, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            throw new TargetException($"--transport http needs an admin token to issue the virtual agents' device credentials: --token or {TokenCommand.Variable} (`apexfleet token create --role admin --data-dir SILO-DATA-DIR`)");
        }

        using var admin = TokenCommand.Client(url, token, TimeSpan.FromSeconds(30));
        Console.WriteLine($"Issuing {plan.Agents:N0} device credentials...");
        return await DeviceCredentialIssuer.IssueAllAsync(admin, Enumerable.Range(0, plan.Agents).Select(plan.DeviceId), cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in Connections)
        {
            await connection.DisposeAsync();
        }
    }
}
