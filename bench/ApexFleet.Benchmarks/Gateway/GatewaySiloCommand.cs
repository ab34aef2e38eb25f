using System.CommandLine;
using ApexFleet.Cli;
using ApexFleet.Cli.Commands;
using ApexFleet.Silo.Hosting;
using Microsoft.Extensions.Hosting;

namespace ApexFleet.Benchmarks.Gateway;

/// <summary>
/// `bench gateway-silo`: a standalone fleet silo (gateway and HTTP device endpoint) that also hosts the
/// benchmark's no-op grain, which only this program carries; `bench gateway` starts it as its own process.
/// </summary>
public static class GatewaySiloCommand
{
    public static Command Create()
    {
        var gatewayPort = new Option<int>("--gateway-port") { Required = true }.Port();
        var siloPort = new Option<int>("--silo-port") { Required = true }.Port();
        var httpPort = new Option<int>("--http-port") { Required = true }.Port();
        var clusterId = new Option<string>("--cluster-id") { Required = true };
        var jwtKeyFile = new Option<string>("--jwt-key-file") { Required = true };
        var command = new Command("gateway-silo", "A silo with the fleet's grains, its HTTP device endpoint and the no-op benchmark grain, on loopback; `bench gateway` runs it. Stop with Ctrl+C.")
        {
            gatewayPort, siloPort, httpPort, clusterId, jwtKeyFile,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var data = Directory.CreateTempSubdirectory("apexfleet-gateway-bench-");
            try
            {
                var app = FleetSiloHost.BuildStandalone(new FleetSiloOptions
                {
                    GatewayPort = parse.GetValue(gatewayPort),
                    SiloPort = parse.GetValue(siloPort),
                    HttpPort = parse.GetValue(httpPort),
                    ClusterId = parse.GetValue(clusterId)!,
                    DataDirectory = data.FullName,
                    JwtKeyFile = parse.GetValue(jwtKeyFile),
                });
                await app.StartAsync(cancellationToken);
                Console.WriteLine("gateway silo up");
                await app.WaitForShutdownAsync(cancellationToken);
                return ExitCodes.Ok;
            }
            finally
            {
                data.Delete(recursive: true);
            }
        });
        return command;
    }
}
