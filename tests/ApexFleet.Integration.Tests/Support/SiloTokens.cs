using System.Net.Http.Headers;
using ApexFleet.Domain.Security;
using ApexFleet.Silo.Hosting;
using ApexFleet.Silo.Security;

namespace ApexFleet.Integration.Tests.Support;

/// <summary>Tokens signed with a test silo's own key, and HTTP clients that carry them.</summary>
public static class SiloTokens
{
    public static string For(FleetSiloOptions options, FleetRole role, string name = "tester") =>
        FleetTokens.Create(TokenKey.Load(options.TokenKeyPath, create: options.JwtKeyFile is null), role, name, TimeSpan.FromHours(1), DateTime.UtcNow);

    /// <summary>A client of the silo's HTTP port; with a role, every request carries that role's token.</summary>
    public static HttpClient Client(FleetSiloOptions options, FleetRole? role, string name = "tester")
    {
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{options.HttpPort}"), Timeout = TimeSpan.FromSeconds(30) };
        if (role is { } granted)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", For(options, granted, name));
        }

        return http;
    }
}
