using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ApexFleet.Silo.Security;

/// <summary>
/// <c>POST /api/devices/{id}/credential</c> (admin): issues a device's credential and shows it this once.
/// A device that has one gets 409 unless <c>?replace=true</c>, so a leaked credential can be replaced
/// but a second enrolment cannot silently take a device over.
/// </summary>
public static class DeviceCredentialApi
{
    public static IEndpointRouteBuilder MapDeviceCredentialApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/devices/{id}/credential", async (string id, bool? replace, DeviceCredentials credentials) =>
            await credentials.IssueAsync(id, replace ?? false) is { } issued
                ? Results.Json(new { device = id, credential = issued.Credential, scheme = DeviceCredentialHandler.SchemeName }, statusCode: StatusCodes.Status201Created)
                : Results.Conflict(new { error = $"device {id} has a credential; POST with ?replace=true to replace it (the old one stops working)" }))
            .RequireAuthorization(FleetPolicies.Admin);
        return app;
    }
}
