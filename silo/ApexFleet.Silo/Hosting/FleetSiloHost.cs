using ApexFleet.Abstractions.Json;
using ApexFleet.Grains;
using ApexFleet.Silo.Http;
using ApexFleet.Silo.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using Orleans.Dashboard;

namespace ApexFleet.Silo.Hosting;

/// <summary>Builds the two shapes a silo takes: a standalone service, or embedded in another program.</summary>
public static class FleetSiloHost
{
    public const string DashboardPath = "/dashboard";
    public const string MetricsPath = "/metrics";
    public const string HealthPath = "/health";

    /// <summary>
    /// A standalone silo with the HTTP API, the Orleans dashboard, a Prometheus endpoint and a health
    /// check, all on <see cref="FleetSiloOptions.HttpPort"/>, every one but the health check behind a
    /// token (<see cref="FleetPolicies"/>), over HTTPS when given a certificate.
    /// </summary>
    public static WebApplication BuildStandalone(FleetSiloOptions options, string httpHost = "127.0.0.1", Action<ISiloBuilder>? extra = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        options.Cost ??= ConfiguredCost(builder.Configuration);

        if (options.HttpsCertificateFile is { } certificateFile)
        {
            var certificate = HttpsCertificate.Load(certificateFile, options.HttpsCertificatePassword);
            // The slim builder leaves HTTPS out unless asked for.
            builder.WebHost.UseKestrelHttpsConfiguration();
            builder.WebHost.UseUrls($"https://{httpHost}:{options.HttpPort}");
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureHttpsDefaults(https => https.ServerCertificate = certificate));
        }
        else
        {
            builder.WebHost.UseUrls($"http://{httpHost}:{options.HttpPort}");
        }

        builder.Services.AddFleetSecurity(TokenKey.Load(options.TokenKeyPath, create: options.JwtKeyFile is null));
        // Warnings and errors only (Logging__LogLevel__Default=Information brings the rest back): under
        // Orleans 10, Polly logs two entries for every grain placement, which buries what an operator must see.
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo =>
        {
            silo.UseFleet(options);
            silo.AddDashboard();
            extra?.Invoke(silo);
        });
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter("Microsoft.Orleans")
            .AddMeter(FleetMetrics.MeterName)
            .AddPrometheusExporter());
        builder.Services.AddHealthChecks();
        builder.Services.ConfigureHttpJsonOptions(json => FleetJson.Configure(json.SerializerOptions));

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapOrleansDashboard(DashboardPath).RequireDashboardAuthorization();
        app.MapDashboardLogin(DashboardPath);
        // Prometheus sends a viewer token (authorization.credentials_file in dashboards/prometheus).
        app.MapPrometheusScrapingEndpoint(MetricsPath).RequireAuthorization(FleetPolicies.Viewer);
        // Open on purpose: a load balancer's liveness probe has no token, and "Healthy" tells nothing.
        app.MapHealthChecks(HealthPath).AllowAnonymous();
        app.MapFleetApi();
        app.MapRegistryApi();
        app.MapDeviceApi();
        app.MapDeviceCredentialApi();
        return app;
    }

    /// <summary>The prices of the <c>Fleet:Cost</c> section (appsettings.json, environment); null when it is absent. A bad price is a <see cref="FormatException"/> naming it.</summary>
    public static Domain.FinOps.CostModel? ConfiguredCost(IConfiguration configuration)
    {
        var section = configuration.GetSection(FleetSiloOptions.CostSection);
        if (!section.Exists())
        {
            return null;
        }

        Domain.FinOps.CostModelSettings settings;
        try
        {
            settings = section.Get<Domain.FinOps.CostModelSettings>() ?? new();
        }
        catch (InvalidOperationException ex)
        {
            throw new FormatException($"configuration section {FleetSiloOptions.CostSection}: {ex.Message}", ex);
        }

        return settings.ToModel($"configuration section {FleetSiloOptions.CostSection}");
    }

    /// <summary>A silo inside another program (the CLI's simulate), quiet unless something goes wrong.</summary>
    public static IHost BuildEmbedded(FleetSiloOptions options, Action<ISiloBuilder>? extra = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Error);
        builder.UseOrleans(silo =>
        {
            silo.UseFleet(options);
            extra?.Invoke(silo);
        });
        return builder.Build();
    }

    /// <summary>Sends this silo's buffered cohort deltas now, rather than at the next flush timer.</summary>
    public static Task FlushCohortDeltasAsync(this IHost host) => host.Services.GetRequiredService<Grains.Cohorts.CohortDeltaBuffer>().FlushAsync();
}
