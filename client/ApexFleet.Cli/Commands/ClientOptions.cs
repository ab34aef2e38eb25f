using System.CommandLine;
using ApexFleet.Agent.Link;
using ApexFleet.Silo.Database;
using ApexFleet.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ApexFleet.Cli.Commands;

/// <summary>How a command reaches a running cluster, and the connection itself.</summary>
public static class ClientOptions
{
    public static Option<string?> Connection() => new("--connection", "-c")
    {
        Description = "PostgreSQL connection string (or APEXFLEET_CONNECTION). With it the cluster is found through the AdoNet membership table.",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("APEXFLEET_CONNECTION"),
    };

    public static Option<int> GatewayPort() => new Option<int>("--gateway-port")
    {
        Description = "Gateway port of a silo on this machine (used without --connection).",
        DefaultValueFactory = _ => 30000,
    }.Port();

    public static Option<string> ClusterId() => new("--cluster-id")
    {
        Description = "Cluster id of the silos to talk to.",
        DefaultValueFactory = _ => "apexfleet",
    };

    /// <summary>Adds the three connection options to a command and returns a factory for the client.</summary>
    public static Func<ParseResult, CancellationToken, Task<ClusterConnection>> AddTo(Command command)
    {
        var connection = Connection();
        var gateway = GatewayPort();
        var clusterId = ClusterId();
        command.Options.Add(connection);
        command.Options.Add(gateway);
        command.Options.Add(clusterId);
        return (parse, token) => ClusterConnection.OpenAsync(parse.GetValue(connection), parse.GetValue(gateway), parse.GetValue(clusterId)!, token);
    }
}

/// <summary>An Orleans client connected to the fleet's cluster.</summary>
public sealed class ClusterConnection : IAsyncDisposable
{
    private readonly IHost _host;

    private ClusterConnection(IHost host) => _host = host;

    public IClusterClient Client => _host.Services.GetRequiredService<IClusterClient>();

    public static async Task<ClusterConnection> OpenAsync(string? connectionString, int gatewayPort, string clusterId, CancellationToken cancellationToken)
    {
        if (connectionString is not null && await FleetDatabase.ProblemAsync(connectionString, cancellationToken) is { } problem)
        {
            throw new ClusterUnavailableException(problem);
        }

        var builder = FleetClientHost.Builder(clusterId, client =>
        {
            if (connectionString is null)
            {
                client.UseLocalhostClustering(gatewayPort, serviceId: clusterId, clusterId: clusterId);
            }
            else
            {
                client.UseAdoNetClustering(o =>
                {
                    o.Invariant = FleetSiloBuilderExtensions.AdoNetInvariant;
                    o.ConnectionString = connectionString;
                });
            }
        });
        var host = builder.Build();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(15));
            await host.StartAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is not ClusterUnavailableException)
        {
            host.Dispose();
            var where = connectionString is null ? $"a silo on localhost gateway port {gatewayPort}" : $"the cluster '{clusterId}' registered in {FleetDatabase.Describe(connectionString)}";
            throw new ClusterUnavailableException($"cannot reach {where} ({ex.GetType().Name}: {ex.Message.Split('\n')[0]}); is `./apexfleet silo` running?");
        }

        return new ClusterConnection(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}

public sealed class ClusterUnavailableException(string message) : Exception(message);
