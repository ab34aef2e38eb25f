using System.Text.Json;
using ApexFleet.Abstractions.Json;
using ApexFleet.Abstractions.Registry;
using ApexFleet.Domain.Fleet;
using ApexFleet.Domain.Registry;
using ApexFleet.Grains.Registry;
using ApexFleet.Silo.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace ApexFleet.Silo.Http;

/// <summary>
/// The model registry over HTTP: pushes (multipart: a <c>manifest</c> part with the signed manifest as
/// JSON and an <c>artifact</c> part with the bytes), entries as JSON, and the bytes themselves with
/// the digest as ETag and Range support, so downloads resume and caches revalidate.
/// </summary>
public static class RegistryApi
{
    public const string ManifestPart = "manifest";
    public const string ArtifactPart = "artifact";

    public static IEndpointRouteBuilder MapRegistryApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/models", ListAsync).RequireAuthorization(FleetPolicies.Viewer);
        var models = app.MapGroup("/api/models").RequireAuthorization(FleetPolicies.Viewer);
        var bytes = app.MapGroup("/api/models").RequireAuthorization(FleetPolicies.Download);
        models.MapGet("/{model}", async (string model, IGrainFactory grains) =>
            await grains.GetGrain<IModelRegistryGrain>(model).GetArtifacts() is { Count: > 0 } artifacts
                ? Results.Ok(artifacts)
                : Results.NotFound(new { error = $"model {model} is not in the registry" }));
        models.MapGet("/{model}/{version}/{variant}", async (string model, string version, string variant, IGrainFactory grains) =>
            await FindAsync(grains, model, version, variant) is (var entry, var problem) && entry is not null ? Results.Ok(entry) : problem!);
        bytes.MapGet("/{model}/{version}/{variant}/artifact", (string model, string version, string variant, IGrainFactory grains, ArtifactStore store) =>
            ServeAsync(grains, store, model, version, variant, e => e.Manifest.Digest));
        bytes.MapGet("/{model}/{version}/{variant}/delta", (string model, string version, string variant, IGrainFactory grains, ArtifactStore store) =>
            ServeAsync(grains, store, model, version, variant, e => e.Delta?.Digest));
        app.MapPost("/api/models/{model}/{version}/{variant}", PushAsync).DisableAntiforgery().RequireAuthorization(FleetPolicies.Admin);
        return app;
    }

    private static async Task<IResult> ListAsync(IGrainFactory grains)
    {
        var ids = await grains.GetGrain<IModelCatalogGrain>(0).GetModels();
        var artifacts = await Task.WhenAll(ids.Select(id => grains.GetGrain<IModelRegistryGrain>(id).GetArtifacts()));
        return Results.Ok(artifacts.SelectMany(a => a));
    }

    private static async Task<IResult> PushAsync(
        string model, string version, string variant, HttpRequest request, ArtifactPublisher publisher, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return Results.BadRequest(new { error = $"a push is multipart/form-data with a '{ManifestPart}' part (the signed manifest as JSON) and an '{ArtifactPart}' part (the bytes)" });
        }

        var form = await request.ReadFormAsync(cancellationToken);
        if (form.Files.GetFile(ArtifactPart) is not { } file || form[ManifestPart].FirstOrDefault() is not { } json)
        {
            return Results.BadRequest(new { error = $"the push lacks its '{(form.Files.GetFile(ArtifactPart) is null ? ArtifactPart : ManifestPart)}' part" });
        }

        SignedArtifact? signed;
        try
        {
            signed = JsonSerializer.Deserialize<SignedArtifact>(json, FleetJson.Options);
        }
        catch (JsonException ex)
        {
            return Results.BadRequest(new { error = $"the '{ManifestPart}' part is not a signed manifest: {ex.Message}" });
        }

        if (signed?.Manifest is not { } manifest || manifest.ModelId != model || manifest.Version != version
            || !PrecisionNames.TryParse(variant, out var precision) || manifest.Variant != precision)
        {
            return Results.BadRequest(new { error = $"the URL names model {model} version {version} variant {variant}, the manifest {(signed?.Manifest is { } m ? UploadCheck.Name(m) : "nothing")}" });
        }

        await using var bytes = file.OpenReadStream();
        var outcome = await publisher.PublishAsync(signed, bytes, cancellationToken);
        return outcome switch
        {
            { Entry: { } entry, Added: true } => Results.Created(ArtifactUrls.Entry(model, version, precision), entry),
            { Entry: { } entry } => Results.Ok(entry),
            { Refusal: UploadRefusal.VersionExists } => Results.Conflict(new { refusal = outcome.Refusal, error = outcome.Problem }),
            { Refusal: UploadRefusal.Unsigned or UploadRefusal.UntrustedKey or UploadRefusal.BadSignature } =>
                Results.Json(new { refusal = outcome.Refusal, error = outcome.Problem }, FleetJson.Options, statusCode: StatusCodes.Status403Forbidden),
            _ => Results.BadRequest(new { refusal = outcome.Refusal, error = outcome.Problem }),
        };
    }

    private static async Task<IResult> ServeAsync(
        IGrainFactory grains, ArtifactStore store, string model, string version, string variant, Func<RegisteredArtifact, string?> digestOf)
    {
        var (entry, problem) = await FindAsync(grains, model, version, variant);
        if (entry is null)
        {
            return problem!;
        }

        if (digestOf(entry) is not { } digest || !store.Has(digest))
        {
            return Results.NotFound(new { error = $"{UploadCheck.Name(entry.Manifest)}: these bytes are not on this silo" });
        }

        // The digest names the bytes for good: a cache may keep them forever.
        return Results.File(store.PathOf(digest), "application/octet-stream", entityTag: new EntityTagHeaderValue($"\"{digest}\""), enableRangeProcessing: true);
    }

    private static async Task<(RegisteredArtifact? Entry, IResult? Problem)> FindAsync(IGrainFactory grains, string model, string version, string variant)
    {
        if (!PrecisionNames.TryParse(variant, out var precision))
        {
            return (null, Results.BadRequest(new { error = $"variant '{variant}' is not one of {string.Join(", ", PrecisionNames.ByLabel.Keys)}" }));
        }

        var entry = await grains.GetGrain<IModelRegistryGrain>(model).Find(version, precision);
        return entry is null
            ? (null, Results.NotFound(new { error = $"model {model} version {version} variant {precision.ToLabel()} is not in the registry" }))
            : (entry, null);
    }
}
