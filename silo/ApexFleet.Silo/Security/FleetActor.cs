using Microsoft.AspNetCore.Http;

namespace ApexFleet.Silo.Security;

/// <summary>Who the audit names for an HTTP request: the authenticated token's subject, nothing the caller writes.</summary>
public static class FleetActor
{
    public const string RetiredQuery = "actor";

    /// <summary>The actor, or a 400 for a request that still names one in <c>?actor=</c>: refused rather than ignored, so no script believes it is recorded.</summary>
    public static (string Actor, IResult? Problem) Of(HttpContext http) =>
        http.Request.Query.ContainsKey(RetiredQuery)
            ? ("", Results.BadRequest(new { error = "?actor= is not taken: the audit names the token's subject (`apexfleet token create --name`)" }))
            : (http.User.Identity?.Name is { Length: > 0 } name ? name : "api", null);
}
