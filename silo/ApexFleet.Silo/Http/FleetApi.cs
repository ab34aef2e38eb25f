using ApexFleet.Abstractions.Cohorts;
using ApexFleet.Abstractions.Cost;
using ApexFleet.Abstractions.Deployments;
using ApexFleet.Abstractions.Devices;
using ApexFleet.Abstractions.Fleet;
using ApexFleet.Abstractions.GitOps;
using ApexFleet.Domain.FinOps;
using ApexFleet.Domain.Manifests;
using ApexFleet.Domain.Rollout;
using ApexFleet.Silo.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ApexFleet.Silo.Http;

/// <summary>
/// The fleet's JSON API: the same controls as the <c>apexfleet</c> commands, for scripts and the web page.
/// A bad manifest answers 400 with every error; an impossible action (resume a running rollout) 409.
/// Reads need a viewer's token, steering an operator's, starting an admin's (<see cref="FleetPolicies"/>).
/// </summary>
public static class FleetApi
{
    public static IEndpointRouteBuilder MapFleetApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization(FleetPolicies.Viewer);

        api.MapGet("/rollouts", (IGrainFactory grains) => grains.GetGrain<IFleetDirectoryGrain>(0).GetDeployments());
        app.MapPost("/api/rollouts", StartAsync).RequireAuthorization(FleetPolicies.Admin);
        api.MapGet("/rollouts/{id}", (string id, IGrainFactory grains) => grains.GetGrain<IDeploymentGrain>(id).GetStatus());
        api.MapGet("/rollouts/{id}/audit", (string id, IGrainFactory grains) => grains.GetGrain<IDeploymentGrain>(id).GetAudit());
        app.MapPost("/api/rollouts/{id}/{action}", ControlAsync).RequireAuthorization(FleetPolicies.Operator);

        app.MapGet("/api/devices/{id}", (string id, IGrainFactory grains) => grains.GetGrain<IDeviceGrain>(id).GetSnapshot())
            .RequireAuthorization(FleetPolicies.DeviceState);
        api.MapGet("/cohorts", (IGrainFactory grains) => grains.GetGrain<IFleetDirectoryGrain>(0).GetCohorts());
        api.MapGet("/cost", CostAsync);
        api.MapGet("/gitops", (IGrainFactory grains) => grains.GetGrain<IGitOpsGrain>(0).GetStatus());
        api.MapGet("/cohorts/{id}", (string id, IGrainFactory grains) => grains.GetGrain<ICohortGrain>(id).GetSnapshot());
        return app;
    }

    private static readonly string[] BadFleetContext = ["fleetSize and inferencesPerHour must be positive numbers"];

    /// <param name="fleetSize">Devices in the fleet, for the stages an OnDeviceModelDeployment leaves to the default progression.</param>
    /// <param name="runningVersion">The version the fleet runs now: the previous version of an OnDeviceModelDeployment that names none.</param>
    /// <param name="usageCycle">24 comma-separated weights, 00:00 UTC first: each hour's use relative to inferencesPerHour.</param>
    private static async Task<IResult> StartAsync(
        HttpRequest request, IGrainFactory grains, string? supersede, long? fleetSize, double? inferencesPerHour, string? runningVersion, string? usageCycle)
    {
        var (actor, refused) = FleetActor.Of(request.HttpContext);
        if (refused is not null)
        {
            return refused;
        }

        if (fleetSize is <= 0 || inferencesPerHour is <= 0 || inferencesPerHour is { } rate && !double.IsFinite(rate))
        {
            return Results.BadRequest(new { errors = BadFleetContext });
        }

        if (request.ContentLength > ManifestLimits.MaxBytes)
        {
            return TooLarge();
        }

        string yaml;
        try
        {
            yaml = await ManifestLimits.ReadAsync(request.Body, "request body", request.HttpContext.RequestAborted);
        }
        catch (ManifestException)
        {
            return TooLarge();
        }

        UsageCycle? usage;
        try
        {
            usage = usageCycle is null ? null : UsageCycle.Parse(usageCycle);
        }
        catch (FormatException ex)
        {
            return Results.BadRequest(new { errors = new[] { $"usageCycle: {ex.Message}" } });
        }

        var fleet = new FleetContext(
            fleetSize ?? FleetContext.Default.Devices, inferencesPerHour ?? FleetContext.Default.InferencesPerDevicePerHour, runningVersion, usage);
        try
        {
            var definition = DeploymentManifest.Parse("request body", yaml, fleet);
            var status = await grains.GetGrain<IDeploymentGrain>(definition.Name)
                .Start(yaml, "request body", new StartOptions(TimeSpan.FromSeconds(5), DateTimeOffset.UtcNow, actor, Supersedes: supersede, Fleet: fleet));
            return Results.Ok(status);
        }
        catch (ManifestException ex)
        {
            return Results.BadRequest(new { errors = ex.Errors.Select(e => e.ToString()) });
        }
        catch (InvalidOperationException ex)
        {
            return Results.Conflict(new { error = ex.Message });
        }
        catch (ArgumentException ex)
        {
            // The grain's admission: a budget below what the rollout costs at least.
            return Results.BadRequest(new { errors = new[] { ex.Message } });
        }
    }

    /// <param name="by">team, cost-center, namespace, model (the default), cohort or variant.</param>
    private static async Task<IResult> CostAsync(IGrainFactory grains, string? by)
    {
        if (!CostAttribution.ByName.TryGetValue(by ?? "model", out var dimension))
        {
            return Results.BadRequest(new { errors = new[] { $"by must be one of {string.Join(", ", CostAttribution.ByName.Keys)} (got '{by}')" } });
        }

        return Results.Ok(await CostShowback.GatherAsync(grains, dimension));
    }

    private static IResult TooLarge() =>
        Results.Json(new { errors = new[] { ManifestLimits.TooLarge("request body").ToString() } }, statusCode: StatusCodes.Status413PayloadTooLarge);

    private static async Task<IResult> ControlAsync(string id, string action, IGrainFactory grains, HttpContext http)
    {
        var (who, refused) = FleetActor.Of(http);
        if (refused is not null)
        {
            return refused;
        }

        var deployment = grains.GetGrain<IDeploymentGrain>(id);
        try
        {
            var status = action switch
            {
                "pause" => await deployment.Pause(who),
                "resume" => await deployment.Resume(who),
                "promote" => await deployment.Promote(who),
                "abort" => await deployment.Abort(who),
                _ => null,
            };
            return status is null
                ? Results.NotFound(new { error = $"unknown action '{action}'; use pause, resume, promote or abort" })
                : Results.Ok(status);
        }
        catch (InvalidOperationException ex)
        {
            return Results.Conflict(new { error = ex.Message });
        }
    }
}
