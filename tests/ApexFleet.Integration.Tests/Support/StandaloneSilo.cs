using ApexFleet.Domain.Security;
using ApexFleet.Silo.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace ApexFleet.Integration.Tests.Support;

/// <summary>
/// A standalone silo for one test class, as `apexfleet silo` builds it: gateway and HTTP API on free
/// loopback ports, in-memory storage and its own data directory, removed with it. Change
/// <see cref="Options"/> before <see cref="StartAsync"/>.
/// </summary>
public sealed class StandaloneSilo(string name) : IAsyncDisposable
{
    private WebApplication? _app;

    public FleetSiloOptions Options { get; } = new()
    {
        SiloPort = FleetHost.FreePort(),
        GatewayPort = FleetHost.FreePort(),
        HttpPort = FleetHost.FreePort(),
        ClusterId = $"{name}-{Guid.NewGuid():N}",
        DataDirectory = Directory.CreateTempSubdirectory($"apexfleet-{name}-").FullName,
    };

    public WebApplication App => _app ?? throw new InvalidOperationException("the silo has not been started");

    public IGrainFactory Grains => App.Services.GetRequiredService<IGrainFactory>();

    public async Task StartAsync()
    {
        _app = FleetSiloHost.BuildStandalone(Options);
        await _app.StartAsync();
    }

    /// <summary>A client of the HTTP port; with a role, every request carries a token of that role.</summary>
    public HttpClient Client(FleetRole? role, string name = "tester") => SiloTokens.Client(Options, role, name);

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Directory.Delete(Options.DataDirectory, recursive: true);
    }
}
