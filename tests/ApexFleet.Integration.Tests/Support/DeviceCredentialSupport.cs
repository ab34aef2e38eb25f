using System.Net.Http.Headers;
using ApexFleet.Agent.Link;
using ApexFleet.Domain.Security;
using ApexFleet.Silo.Hosting;

namespace ApexFleet.Integration.Tests.Support;

/// <summary>Device credentials issued by a test silo the way an admin issues them: over its HTTP API.</summary>
public static class DeviceCredentialSupport
{
    public static async Task<DeviceCredentialBook> IssueAsync(FleetSiloOptions options, params string[] deviceIds)
    {
        using var admin = SiloTokens.Client(options, FleetRole.Admin);
        return await DeviceCredentialIssuer.IssueAllAsync(admin, deviceIds);
    }

    /// <summary>A client of the silo's HTTP port whose requests to <c>/api/devices/{id}/...</c> carry that device's credential.</summary>
    public static HttpClient Client(FleetSiloOptions options, DeviceCredentialBook book) =>
        new(new SignsAsDevice(book) { InnerHandler = new SocketsHttpHandler() })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{options.HttpPort}/"),
            Timeout = TimeSpan.FromSeconds(30),
        };

    private sealed class SignsAsDevice(DeviceCredentialBook book) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var segments = request.RequestUri!.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
            if (request.Headers.Authorization is null && segments is ["api", "devices", var id, ..] && book.Find(Uri.UnescapeDataString(id)) is { } credential)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue(DeviceCredentialBook.Scheme, credential);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
