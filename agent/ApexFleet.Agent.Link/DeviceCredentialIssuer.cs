using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ApexFleet.Agent.Link;

/// <summary>
/// Asks a silo for a device's credential (<c>POST /api/devices/{id}/credential</c>, an admin's
/// bearer token): what an operator provisions a phone with, and how a load test equips its agents.
/// </summary>
public static class DeviceCredentialIssuer
{
    /// <summary>
    /// Credentials for many devices at once (a load test's agents), replacing any they had so a rerun
    /// takes its devices over again.
    /// </summary>
    public static async Task<DeviceCredentialBook> IssueAllAsync(HttpClient admin, IEnumerable<string> deviceIds, CancellationToken cancellationToken = default)
    {
        var book = new DeviceCredentialBook();
        await Parallel.ForEachAsync(deviceIds, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (id, stop) =>
            book.Add(await IssueAsync(admin, id, replace: true, stop)));
        return book;
    }

    /// <summary>The new credential; a <see cref="DeviceLinkRefusedException"/> saying why when the silo will not issue it.</summary>
    public static async Task<string> IssueAsync(HttpClient admin, string deviceId, bool replace, CancellationToken cancellationToken = default)
    {
        HttpResponseMessage response;
        try
        {
            response = await admin.PostAsync($"api/devices/{Uri.EscapeDataString(deviceId)}/credential{(replace ? "?replace=true" : "")}", null, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new DeviceLinkDownException($"HTTP {admin.BaseAddress}: {ex.Message}", ex);
        }

        using (response)
        {
            switch (response.StatusCode)
            {
                case HttpStatusCode.Created:
                    var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
                    return body.TryGetProperty("credential", out var credential) && credential.GetString() is { } issued
                        ? issued
                        : throw new DeviceLinkRefusedException($"{admin.BaseAddress} answered 201 without a credential for {deviceId}");
                case HttpStatusCode.Unauthorized:
                    throw new DeviceLinkRefusedException("401: issuing device credentials needs a valid admin token (--token or APEXFLEET_TOKEN; `apexfleet token create --role admin`)");
                case HttpStatusCode.Forbidden:
                    throw new DeviceLinkRefusedException("403: issuing device credentials needs an admin token; this one has a weaker role");
                case HttpStatusCode.Conflict:
                    throw new DeviceLinkRefusedException($"409: device {deviceId} has a credential already; give --replace to issue a new one (the old one stops working)");
                default:
                    throw new DeviceLinkDownException($"{admin.BaseAddress}: {(int)response.StatusCode} {response.ReasonPhrase} issuing a credential for {deviceId}");
            }
        }
    }
}
