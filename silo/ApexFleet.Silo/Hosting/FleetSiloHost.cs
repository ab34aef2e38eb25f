using ApexFleet.Abstractions.Json;
using ApexFleet.Grains;
using ApexFleet.Silo.Http;
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
    /// check, all on <see cref="FleetSiloOptions.HttpPort"/>.
    /// </summary>
    public static WebApplication BuildStandalone(FleetSiloOptions options, string httpHost = "127.0.0.1", Action<ISiloBuilder>? extra = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        options.Cost ??= ConfiguredCost(builder.Configuration);
        builder.WebHost.UseUrls($"http://{httpHost}:{options.HttpPort}");
        builder.Logging.AddFilter("Orleans", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
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
        app.MapOrleansDashboard(DashboardPath);
        app.MapPrometheusScrapingEndpoint(MetricsPath);
        app.MapHealthChecks(HealthPath);
        app.MapFleetApi();
        app.MapRegistryApi();
        app.MapDeviceApi();
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
