using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ApexFleet.Abstractions.Devices;
using ApexFleet.Abstractions.Json;

namespace ApexFleet.Agent.Link;

/// <summary>
/// The device protocol as JSON over HTTP (the silo's <c>/api/devices/{id}/...</c>), as a phone that
/// is not a .NET process speaks it. Every status the endpoint answers a report with carries the
/// directive; a 5xx or no answer is a lost link. Each request carries its device's own credential
/// from <paramref name="credentials"/>: the silo answers a device only about itself.
/// </summary>
public sealed class HttpDeviceLink(HttpClient http, DeviceCredentialBook? credentials, bool ownsClient = false) : IDeviceLink
{
    public string Peer => $"HTTP {http.BaseAddress}";

    /// <summary>A link to the silo at <paramref name="baseUrl"/> with its own client.</summary>
    public static HttpDeviceLink Create(Uri baseUrl, DeviceCredentialBook? credentials, TimeSpan? timeout = null) =>
        new(new HttpClient { BaseAddress = baseUrl, Timeout = timeout ?? TimeSpan.FromSeconds(30) }, credentials, ownsClient: true);

    public Task<DeviceDirective> EnrolAsync(string deviceId, DeviceProfile profile, ModelSlot? installed, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, deviceId, "enrol", new DeviceEnrolment(profile, installed), cancellationToken);

    public ValueTask<DeviceDirective> ReportAsync(string deviceId, TelemetryReport report, CancellationToken cancellationToken = default) =>
        new(SendAsync(HttpMethod.Post, deviceId, "telemetry", report, cancellationToken));

    public Task<DeviceDirective> GetDirectiveAsync(string deviceId, CancellationToken cancellationToken = default) =>
        SendAsync<object>(HttpMethod.Get, deviceId, "directive", null, cancellationToken);

    public ValueTask DisposeAsync()
    {
        if (ownsClient)
        {
            http.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    private async Task<DeviceDirective> SendAsync<T>(HttpMethod method, string deviceId, string action, T? body, CancellationToken cancellationToken)
        where T : class
    {
        using var request = new HttpRequestMessage(method, $"api/devices/{Uri.EscapeDataString(deviceId)}/{action}");
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: FleetJson.Options);
        }

        if (credentials?.Find(deviceId) is { } credential)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue(DeviceCredentialBook.Scheme, credential);
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new DeviceLinkDownException($"{Peer}: {ex.Message}", ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DeviceLinkDownException($"{Peer}: no answer within {http.Timeout.TotalSeconds:0} s", ex);
        }

        using (response)
        {
            if ((int)response.StatusCode >= 500)
            {
                throw new DeviceLinkDownException($"{Peer}: {(int)response.StatusCode} {response.ReasonPhrase}");
            }

            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                throw new DeviceLinkRefusedException(credentials?.Find(deviceId) is null
                    ? $"{Peer} wants device {deviceId}'s credential ({(int)response.StatusCode}): give the agent --credential FILE (`apexfleet device credential {deviceId}`)"
                    : $"{Peer} did not accept device {deviceId}'s credential ({(int)response.StatusCode}): it was replaced or belongs to another silo; issue a new one with `apexfleet device credential {deviceId} --replace`");
            }

            if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.MethodNotAllowed)
            {
                throw new DeviceLinkRefusedException($"{Peer} refused {action} of device {deviceId}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
            }

            try
            {
                return await response.Content.ReadFromJsonAsync<DeviceDirective>(FleetJson.Options, cancellationToken)
                    ?? throw new DeviceLinkDownException($"{Peer}: an empty answer ({(int)response.StatusCode})");
            }
            catch (Exception ex) when (ex is JsonException or HttpRequestException or IOException)
            {
                // Not the endpoint answering (a proxy's error page, a cut connection): try again later.
                throw new DeviceLinkDownException($"{Peer}: {(int)response.StatusCode} without a directive ({ex.Message})", ex);
            }
        }
    }
}
