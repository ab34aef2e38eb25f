using System.Net;
using System.Text.RegularExpressions;
using ApexFleet.Domain.Security;
using ApexFleet.Integration.Tests.Support;
using ApexFleet.Silo.Hosting;
using ApexFleet.Silo.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace ApexFleet.Integration.Tests;

/// <summary>
/// Walks every endpoint the standalone silo maps, read from its routing table, and asks each without
/// a token, with every role too weak for it and with the least role that should do: a new endpoint
/// is either admin-only (the fallback) or listed here on purpose.
/// </summary>
public sealed partial class EndpointAuthorizationTests : IAsyncLifetime
{
    /// <summary>Who may call what, by hand. Anything the silo maps that is not here must be admin-only.</summary>
    private static readonly Dictionary<string, FleetRole?> LeastRole = new(StringComparer.Ordinal)
    {
        // Open on purpose: liveness probes, and the dashboard's sign-in form.
        ["GET /health"] = null,
        ["GET /login"] = null,
        ["POST /login"] = null,

        ["GET /metrics"] = FleetRole.Viewer,
        ["GET /api/rollouts"] = FleetRole.Viewer,
        ["GET /api/rollouts/{id}"] = FleetRole.Viewer,
        ["GET /api/rollouts/{id}/audit"] = FleetRole.Viewer,
        ["GET /api/devices/{id}"] = FleetRole.Viewer,
        ["GET /api/cohorts"] = FleetRole.Viewer,
        ["GET /api/cohorts/{id}"] = FleetRole.Viewer,
        ["GET /api/cost"] = FleetRole.Viewer,
        ["GET /api/gitops"] = FleetRole.Viewer,
        ["GET /api/models"] = FleetRole.Viewer,
        ["GET /api/models/{model}"] = FleetRole.Viewer,
        ["GET /api/models/{model}/{version}/{variant}"] = FleetRole.Viewer,
        ["GET /api/models/{model}/{version}/{variant}/artifact"] = FleetRole.Viewer,
        ["GET /api/models/{model}/{version}/{variant}/delta"] = FleetRole.Viewer,

        ["POST /api/rollouts/{id}/{action}"] = FleetRole.Operator,

        ["POST /api/rollouts"] = FleetRole.Admin,
        ["POST /api/models/{model}/{version}/{variant}"] = FleetRole.Admin,
        ["POST /api/devices/{id}/credential"] = FleetRole.Admin,
        ["GET /dashboard/Trace"] = FleetRole.Admin,
        ["GET /dashboard/GrainState"] = FleetRole.Admin,
    };

    /// <summary>A device's own protocol: its credential only (DeviceCredentialHttpTests); no person's token, whatever its role.</summary>
    private static readonly HashSet<string> DeviceOnly = new(StringComparer.Ordinal)
    {
        "POST /api/devices/{id}/enrol",
        "POST /api/devices/{id}/telemetry",
        "GET /api/devices/{id}/directive",
    };

    /// <summary>The Orleans dashboard's pages and JSON: the fleet's shape, for viewers.</summary>
    private static readonly string[] DashboardForViewers =
    [
        "", "/", "/index.html", "/favicon.ico", "/index.min.js", "/index.css", "/fonts/{**path}", "/img/{**path}", "/version",
        "/DashboardCounters", "/ClusterStats", "/Reminders", "/Reminders/{page:int}", "/HistoricalStats/{*path}",
        "/SiloProperties/{*address}", "/SiloMetadata/{*address}", "/SiloStats/{*address}", "/SiloCounters/{*address}",
        "/GrainStats/{*grainName}", "/TopGrainMethods", "/LifecycleStages", "/GrainTypes",
    ];

    private readonly StandaloneSilo _silo = new("auth");

    public async ValueTask InitializeAsync() => await _silo.StartAsync();

    public ValueTask DisposeAsync() => _silo.DisposeAsync();

    [Fact]
    public async Task Every_endpoint_refuses_no_token_with_401_and_a_weaker_role_with_403()
    {
        var expected = new Dictionary<string, FleetRole?>(LeastRole, StringComparer.Ordinal);
        foreach (var page in DashboardForViewers)
        {
            expected.TryAdd($"GET {FleetSiloHost.DashboardPath}{page}", FleetRole.Viewer);
        }

        var routes = Routes();
        // The table is not stale: everything it names is served.
        Assert.Subset(routes.ToHashSet(), LeastRole.Keys.ToHashSet());
        Assert.Subset(routes.ToHashSet(), DeviceOnly);

        using var anonymous = _silo.Client(null);
        var clients = FleetRoles.All.ToDictionary(r => r, r => _silo.Client(r));
        var wrong = new List<string>();
        try
        {
            foreach (var route in routes.Where(DeviceOnly.Contains))
            {
                foreach (var client in clients.Values.Append(anonymous))
                {
                    if (await AskAsync(client, route) is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden) and var answer)
                    {
                        wrong.Add($"{route} with a person's token or none: {(int)answer}");
                    }
                }
            }

            foreach (var route in routes.Where(r => !DeviceOnly.Contains(r)))
            {
                // Not listed: the fallback must hold it for admins.
                var least = expected.TryGetValue(route, out var listed) ? listed : FleetRole.Admin;

                var answer = await AskAsync(anonymous, route);
                if (least is null ? answer == HttpStatusCode.Unauthorized : answer != HttpStatusCode.Unauthorized)
                {
                    wrong.Add($"{route} without a token: {(int)answer}");
                }

                foreach (var role in FleetRoles.All.Where(r => least is { } needed && r.Grants(needed)))
                {
                    var granted = await AskAsync(clients[role], route);
                    if (granted is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                    {
                        wrong.Add($"{route} as {role.Label()}: {(int)granted}");
                    }
                }

                foreach (var role in FleetRoles.All.Where(r => least is { } needed && !r.Grants(needed)))
                {
                    var refused = await AskAsync(clients[role], route);
                    if (refused != HttpStatusCode.Forbidden)
                    {
                        wrong.Add($"{route} as {role.Label()}: {(int)refused}, not 403");
                    }
                }
            }
        }
        finally
        {
            foreach (var client in clients.Values)
            {
                client.Dispose();
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        // The walk saw the whole HTTP side: the API, the registry, the dashboard, metrics.
        Assert.Contains("POST /api/rollouts", routes);
        Assert.Contains("GET /dashboard/Trace", routes);
        Assert.True(routes.Count >= LeastRole.Count + DashboardForViewers.Length - 2, string.Join("\n", routes));
    }

    [Fact]
    public async Task A_token_from_another_key_or_past_its_time_gets_401()
    {
        var stranger = new SymmetricSecurityKey(System.Security.Cryptography.RandomNumberGenerator.GetBytes(TokenKey.Bytes));
        var ours = TokenKey.Load(_silo.Options.TokenKeyPath, create: false);
        var tokens = new[]
        {
            FleetTokens.Create(stranger, FleetRole.Admin, "mallory", TimeSpan.FromHours(1), DateTime.UtcNow),
            FleetTokens.Create(ours, FleetRole.Admin, "late", TimeSpan.FromMinutes(1), DateTime.UtcNow.AddHours(-1)),
            "not-a-token",
        };
        using var http = _silo.Client(null);
        foreach (var token in tokens)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/rollouts");
            request.Headers.Authorization = new("Bearer", token);
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(request, TestContext.Current.CancellationToken)).StatusCode);
        }
    }

    [Fact]
    public async Task The_dashboard_takes_a_token_once_at_login_and_then_a_cookie_for_its_pages_only()
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{_silo.Options.HttpPort}"),
        };
        var ct = TestContext.Current.CancellationToken;
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/dashboard/ClusterStats", ct)).StatusCode);
        var refused = await browser.PostAsync("/login", new FormUrlEncodedContent([new("token", "forged")]), ct);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        var login = await browser.PostAsync("/login", new FormUrlEncodedContent([new("token", SiloTokens.For(_silo.Options, FleetRole.Viewer))]), ct);

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var cookie = Assert.Single(login.Headers.GetValues("Set-Cookie"));
        Assert.Contains("path=/dashboard", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/dashboard/ClusterStats", ct)).StatusCode);
        // A viewer's cookie opens neither the admin pages nor, sent by hand, the API.
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/dashboard/GrainState", ct)).StatusCode);
        using var api = new HttpRequestMessage(HttpMethod.Get, "/api/rollouts");
        api.Headers.Add("Cookie", cookie.Split(';')[0]);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.SendAsync(api, ct)).StatusCode);
    }

    /// <summary>"METHOD /pattern" for every endpoint with a route.</summary>
    private List<string> Routes() => _silo.App.Services.GetServices<EndpointDataSource>()
        .SelectMany(s => s.Endpoints)
        .OfType<RouteEndpoint>()
        .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            .Select(m => $"{m} /{e.RoutePattern.RawText!.TrimStart('/')}"))
        .Distinct()
        .Order(StringComparer.Ordinal)
        .ToList();

    /// <summary>Asks a route with sample values for its parameters and no body; only the status matters.</summary>
    private static async Task<HttpStatusCode> AskAsync(HttpClient http, string route)
    {
        var space = route.IndexOf(' ', StringComparison.Ordinal);
        var path = Parameter().Replace(route[(space + 1)..], m => m.Groups["name"].Value switch
        {
            "page" => "1",
            "action" => "pause",
            "variant" => "INT8",
            _ => "sample",
        });
        using var request = new HttpRequestMessage(new HttpMethod(route[..space]), path);
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            // Headers only: /dashboard/Trace streams the log for as long as it is read.
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, patience.Token);
            return response.StatusCode;
        }
        catch (OperationCanceledException) when (patience.IsCancellationRequested)
        {
            // A refusal is immediate; a stream that has not answered yet was let in.
            return HttpStatusCode.Continue;
        }
    }

    [GeneratedRegex(@"\{\*{0,2}(?<name>[A-Za-z]+)(:[a-z]+)?\}")]
    private static partial Regex Parameter();
}
