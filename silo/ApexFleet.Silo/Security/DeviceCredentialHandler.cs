using System.Security.Claims;
using System.Text.Encodings.Web;
using ApexFleet.Abstractions.Devices;
using ApexFleet.Domain.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace ApexFleet.Silo.Security;

/// <summary>
/// Authenticates <c>Authorization: Device DEVICE-ID.SECRET</c> against the hash stored at enrolment:
/// the principal is the device, with the role <see cref="FleetPolicies.DeviceRole"/>.
/// </summary>
public sealed class DeviceCredentialHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IGrainFactory grains)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Device";
    private const string Prefix = SchemeName + " ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers[HeaderNames.Authorization].ToString();
        if (!header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        if (DeviceSecret.Parse(header[Prefix.Length..].Trim()) is not { } presented)
        {
            return AuthenticateResult.Fail("a device credential is DEVICE-ID.SECRET");
        }

        var stored = await grains.GetGrain<IDeviceCredentialGrain>(presented.DeviceId).GetHash();
        if (stored is null || !presented.Matches(stored))
        {
            // Same answer for an unknown device and a wrong secret: the reply does not tell which ids exist.
            return AuthenticateResult.Fail("device credential not recognised");
        }

        var identity = new ClaimsIdentity(
            [new Claim(FleetTokens.SubjectClaim, presented.DeviceId), new Claim(FleetTokens.RoleClaim, FleetPolicies.DeviceRole)],
            SchemeName, FleetTokens.SubjectClaim, FleetTokens.RoleClaim);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = SchemeName;
        return base.HandleChallengeAsync(properties);
    }
}
