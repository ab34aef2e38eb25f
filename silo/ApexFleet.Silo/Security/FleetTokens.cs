using System.Security.Claims;
using ApexFleet.Domain.Security;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ApexFleet.Silo.Security;

/// <summary>The silo's bearer tokens: a JWT with the person's name as subject and one fleet role.</summary>
public static class FleetTokens
{
    public const string Issuer = "apexfleet";
    public const string Audience = "apexfleet-api";
    public const string RoleClaim = "role";
    public const string SubjectClaim = JwtRegisteredClaimNames.Sub;

    public static string Create(SymmetricSecurityKey key, FleetRole role, string name, TimeSpan lifetime, DateTime now) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity([new Claim(SubjectClaim, name), new Claim(RoleClaim, role.Label())]),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });

    public static TokenValidationParameters Validation(SymmetricSecurityKey key) => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = Audience,
        IssuerSigningKey = key,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        NameClaimType = SubjectClaim,
        RoleClaimType = RoleClaim,
        ClockSkew = TimeSpan.FromSeconds(30),
    };
}
