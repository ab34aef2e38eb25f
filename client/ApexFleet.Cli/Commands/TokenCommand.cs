using System.CommandLine;
using System.Net.Http.Headers;
using ApexFleet.Domain.Manifests;
using ApexFleet.Domain.Security;
using ApexFleet.Silo.Hosting;
using ApexFleet.Silo.Security;

namespace ApexFleet.Cli.Commands;

/// <summary><c>apexfleet token create</c>: a bearer token for a silo's HTTP API, signed with the silo's key.</summary>
public static class TokenCommand
{
    public const string Variable = "APEXFLEET_TOKEN";

    /// <summary>The option every command that calls a silo's HTTP API takes.</summary>
    public static Option<string?> Option() => new("--token")
    {
        Description = $"Bearer token for the silo's HTTP API, from `apexfleet token create` (or {Variable}).",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(Variable),
    };

    /// <summary>The silo's HTTP address every command that calls its API takes.</summary>
    public static Option<string> UrlOption() => new("--url")
    {
        Description = "HTTP address of a silo (or APEXFLEET_URL).",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("APEXFLEET_URL") ?? "http://127.0.0.1:8080",
    };

    /// <summary>A client of a silo's HTTP API whose every request carries <paramref name="token"/> (none when blank).</summary>
    public static HttpClient Client(Uri address, string? token, TimeSpan timeout)
    {
        var http = new HttpClient { BaseAddress = address, Timeout = timeout };
        if (!string.IsNullOrWhiteSpace(token))
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Trim());
        }

        return http;
    }

    public static Command Create()
    {
        var role = new Option<string>("--role") { Description = "viewer (reads), operator (pause, resume, promote, abort) or admin (everything).", Required = true };
        var name = new Option<string>("--name") { Description = "Who the token is for: the audit names them for every action taken with it.", DefaultValueFactory = _ => Environment.UserName };
        var expires = new Option<string>("--expires") { Description = "How long the token is good for (e.g. 8h, 30d).", DefaultValueFactory = _ => "8h" };
        var dataDir = new Option<string?>("--data-dir") { Description = "The silo's --data-dir, whose jwt.key signs the token (made if absent, as the silo would)." };
        var keyFile = new Option<string?>("--key-file") { Description = "The silo's --jwt-key-file instead of its data directory's key." };
        var create = new Command("create", "Print a token (on its own line, nothing else on stdout) for `--token` or APEXFLEET_TOKEN.") { role, name, expires, dataDir, keyFile };
        create.SetAction(parse =>
        {
            if (!FleetRoles.TryParse(parse.GetValue(role), out var granted))
            {
                return Fail($"--role takes viewer, operator or admin, not '{parse.GetValue(role)}'");
            }

            if (!DurationText.TryParse(parse.GetValue(expires)!, out var lifetime) || lifetime <= TimeSpan.Zero)
            {
                return Fail($"--expires takes a positive duration such as 8h or 30d, not '{parse.GetValue(expires)}'");
            }

            if (parse.GetValue(dataDir) is not null && parse.GetValue(keyFile) is not null)
            {
                return Fail("--data-dir and --key-file name two keys; give one");
            }

            var path = parse.GetValue(keyFile) ?? TokenKey.DefaultPath(parse.GetValue(dataDir) ?? new FleetSiloOptions().DataDirectory);
            try
            {
                var key = TokenKey.Load(path, create: parse.GetValue(keyFile) is null);
                var who = parse.GetValue(name)!;
                Console.WriteLine(FleetTokens.Create(key, granted, who, lifetime, DateTime.UtcNow));
                Console.Error.WriteLine($"{granted.Label()} token for {who}, good for {DurationText.Format(lifetime)}, signed with {path}");
                return ExitCodes.Ok;
            }
            catch (TokenKeyException ex)
            {
                return Fail(ex.Message);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return Fail($"{path}: {ex.Message}");
            }
        });
        return new Command("token", "Bearer tokens for a silo's HTTP API and dashboard.") { create };
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        return ExitCodes.BadInput;
    }
}
