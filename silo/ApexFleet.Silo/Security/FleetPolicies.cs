using ApexFleet.Domain.Security;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ApexFleet.Silo.Security;

/// <summary>
/// The named policies every endpoint is mapped with. An endpoint mapped with none falls to
/// <see cref="Admin"/> (the fallback policy): a new endpoint is closed until opened on purpose.
/// </summary>
public static class FleetPolicies
{
    public const string Viewer = "viewer";
    public const string Operator = "operator";
    public const string Admin = "admin";
    /// <summary>Artifact bytes: people who may read the registry, and enrolled devices installing them.</summary>
    public const string Download = "download";
    /// <summary>A device acting on its own state: the route's <c>{id}</c> is the device that authenticated.</summary>
    public const string OwnDevice = "own-device";
    /// <summary>A device's state: viewers, and the device itself (never another device).</summary>
    public const string DeviceState = "device-state";

    public const string DeviceRole = "device";
    public const string DeviceIdRouteValue = "id";

    public static string For(FleetRole role) => role switch
    {
        FleetRole.Viewer => Viewer,
        FleetRole.Operator => Operator,
        _ => Admin,
    };

    public static void Add(AuthorizationOptions options)
    {
        foreach (var role in FleetRoles.All)
        {
            options.AddPolicy(For(role), p => p
                .AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme)
                .RequireAuthenticatedUser()
                .RequireRole(FleetRoles.LabelsGranting(role)));
        }

        var readers = FleetRoles.LabelsGranting(FleetRole.Viewer).Append(DeviceRole).ToArray();
        options.AddPolicy(Download, p => p
            .AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme, DeviceCredentialHandler.SchemeName)
            .RequireAuthenticatedUser()
            .RequireRole(readers));
        options.AddPolicy(OwnDevice, p => p
            .AddAuthenticationSchemes(DeviceCredentialHandler.SchemeName)
            .RequireAuthenticatedUser()
            .RequireAssertion(IsOwnDevice));
        var viewers = FleetRoles.LabelsGranting(FleetRole.Viewer);
        options.AddPolicy(DeviceState, p => p
            .AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme, DeviceCredentialHandler.SchemeName)
            .RequireAuthenticatedUser()
            .RequireAssertion(c => viewers.Any(c.User.IsInRole) || IsOwnDevice(c)));

        options.FallbackPolicy = options.GetPolicy(Admin);
    }

    private static bool IsOwnDevice(AuthorizationHandlerContext context) =>
        context.User.IsInRole(DeviceRole)
        && context.Resource is HttpContext http
        && http.GetRouteValue(DeviceIdRouteValue) is string id
        && string.Equals(id, context.User.Identity?.Name, StringComparison.Ordinal);
}
