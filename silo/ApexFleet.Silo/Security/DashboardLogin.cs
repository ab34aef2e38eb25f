using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ApexFleet.Silo.Security;

/// <summary>
/// A browser cannot send a bearer header to the dashboard, so <c>/login</c> takes a token once (a form
/// post, never the URL, which ends up in histories and logs) and keeps it in an HttpOnly cookie that
/// is sent to <c>/dashboard</c> only, same-site only: the API never accepts it, so no page elsewhere can
/// make a browser steer a rollout.
/// </summary>
public static class DashboardLogin
{
    public const string Path = "/login";
    public const string CookieName = "apexfleet_token";
    public const string TokenField = "token";

    private static readonly CompositeFormat Form = CompositeFormat.Parse("""
        <!doctype html><html><head><meta charset="utf-8"><title>ApexFleet: sign in</title></head>
        <body style="font-family:sans-serif;max-width:40em;margin:3em auto">
        <h1>ApexFleet dashboard</h1>
        <p>Paste a token from <code>./apexfleet token create --role viewer</code>.</p>
        <form method="post" action="/login"><input type="password" name="token" size="60" autofocus> <button>Sign in</button></form>
        {0}</body></html>
        """);

    public static IEndpointRouteBuilder MapDashboardLogin(this IEndpointRouteBuilder app, string dashboardPath)
    {
        app.MapGet(Path, () => Page("")).AllowAnonymous();
        app.MapPost(Path, async (HttpContext http, SymmetricSecurityKey key) =>
        {
            var token = http.Request.HasFormContentType ? (await http.Request.ReadFormAsync(http.RequestAborted))[TokenField].ToString().Trim() : "";
            var check = await new JsonWebTokenHandler().ValidateTokenAsync(token, FleetTokens.Validation(key));
            if (!check.IsValid)
            {
                return Page("<p style=\"color:#b00\">That token is not one this silo signed, or it has expired.</p>", StatusCodes.Status400BadRequest);
            }

            http.Response.Cookies.Append(CookieName, token, new CookieOptions
            {
                HttpOnly = true,
                Secure = http.Request.IsHttps,
                SameSite = SameSiteMode.Strict,
                Path = dashboardPath,
                Expires = ((JsonWebToken)check.SecurityToken).ValidTo,
            });
            return Results.Redirect(dashboardPath);
        }).AllowAnonymous().DisableAntiforgery();
        return app;
    }

    /// <summary>The cookie stands for a bearer header on dashboard requests only (the cookie's path is the dashboard's too).</summary>
    public static Task ReadCookie(MessageReceivedContext context)
    {
        if (context.Token is null && context.Request.Headers.Authorization.Count == 0
            && context.Request.Path.StartsWithSegments(Hosting.FleetSiloHost.DashboardPath, StringComparison.Ordinal)
            && context.Request.Cookies.TryGetValue(CookieName, out var token))
        {
            context.Token = token;
        }

        return Task.CompletedTask;
    }

    private static IResult Page(string message, int status = StatusCodes.Status200OK) =>
        Results.Content(string.Format(CultureInfo.InvariantCulture, Form, message), "text/html", statusCode: status);
}
