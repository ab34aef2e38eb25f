using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace ApexFleet.Silo.Security;

/// <summary>Authentication (silo tokens, device credentials) and the fleet's policies, for a standalone silo.</summary>
public static class FleetSecurity
{
    public static IServiceCollection AddFleetSecurity(this IServiceCollection services, SymmetricSecurityKey key)
    {
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(o =>
            {
                // Claims keep their JWT names (sub, role) rather than being renamed to WS-* URIs.
                o.MapInboundClaims = false;
                o.TokenValidationParameters = FleetTokens.Validation(key);
                o.Events = new JwtBearerEvents { OnMessageReceived = DashboardLogin.ReadCookie };
            })
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, DeviceCredentialHandler>(DeviceCredentialHandler.SchemeName, null);
        services.AddAuthorization(FleetPolicies.Add);
        services.AddSingleton(key);
        services.AddSingleton<DeviceCredentials>();
        return services;
    }

    /// <summary>
    /// The Orleans dashboard for viewers, except the pages that show more than the fleet's shape:
    /// <c>/Trace</c> streams the silo's log and <c>/GrainState</c> any grain's state, so admins only.
    /// </summary>
    public static TBuilder RequireDashboardAuthorization<TBuilder>(this TBuilder dashboard)
        where TBuilder : IEndpointConventionBuilder
    {
        dashboard.Add(endpoint =>
        {
            var pattern = (endpoint as RouteEndpointBuilder)?.RoutePattern.RawText ?? "";
            var adminOnly = pattern.EndsWith("/Trace", StringComparison.Ordinal) || pattern.EndsWith("/GrainState", StringComparison.Ordinal);
            endpoint.Metadata.Add(new AuthorizeAttribute(adminOnly ? FleetPolicies.Admin : FleetPolicies.Viewer));
        });
        return dashboard;
    }
}
