using System.Text.Json;
using ApexFleet.Abstractions.Devices;
using ApexFleet.Abstractions.Json;
using ApexFleet.Domain.Devices;
using ApexFleet.Silo.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ApexFleet.Silo.Http;

/// <summary>
/// The device protocol over HTTP, for phones that are not .NET processes: the same calls as
/// <see cref="IDeviceGrain"/> with the same contracts as JSON. Every answer to a report is the
/// grain's <see cref="DeviceDirective"/>; the status says how the report fared (200 taken, 404 not
/// enrolled, 409 already taken or too old, 429 over the device's rate, 422 refused as invalid), so a
/// device need not read the body to know whether to send it again.
/// </summary>
public static class DeviceApi
{
    /// <summary>A device id longer than this is not one: it would only fill the grain directory.</summary>
    public const int MaxDeviceIdLength = 256;

    /// <summary>The largest body a device sends: a report of thousands of latencies fits many times over.</summary>
    public const long MaxBodyBytes = 4 * 1024 * 1024;

    // Missing members and nulls where the contract has none are bad input, named by the serializer.
    private static readonly JsonSerializerOptions Strict = new(FleetJson.Options)
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    public static IEndpointRouteBuilder MapDeviceApi(this IEndpointRouteBuilder app)
    {
        // A device speaks only for itself, with the credential it was issued (FleetPolicies.OwnDevice).
        var devices = app.MapGroup("/api/devices/{id}").RequireAuthorization(FleetPolicies.OwnDevice);
        devices.MapPost("/enrol", EnrolAsync);
        devices.MapPost("/telemetry", ReportAsync);
        devices.MapGet("/directive", async (string id, IGrainFactory grains) =>
            BadId(id) ?? Answer(await grains.GetGrain<IDeviceGrain>(id).GetDirective()));
        return app;
    }

    private static async Task<IResult> EnrolAsync(string id, HttpRequest request, IGrainFactory grains)
    {
        if (BadId(id) is { } bad)
        {
            return bad;
        }

        var (enrolment, problem) = await ReadAsync<DeviceEnrolment>(request, "enrolment");
        if (enrolment is null)
        {
            return problem!;
        }

        var device = grains.GetGrain<IDeviceGrain>(id);
        await device.Enroll(enrolment.Profile, enrolment.Installed);
        return Answer(await device.GetDirective());
    }

    private static async Task<IResult> ReportAsync(string id, HttpRequest request, IGrainFactory grains)
    {
        if (BadId(id) is { } bad)
        {
            return bad;
        }

        var (report, problem) = await ReadAsync<TelemetryReport>(request, "telemetry report");
        if (report is null)
        {
            return problem!;
        }

        return Answer(await grains.GetGrain<IDeviceGrain>(id).Report(report));
    }

    private static IResult Answer(DeviceDirective directive) => directive.Rejection switch
    {
        RejectionReason.None => Results.Json(directive, FleetJson.Options),
        RejectionReason.NotEnrolled => Results.Json(directive, FleetJson.Options, statusCode: StatusCodes.Status404NotFound),
        RejectionReason.Duplicate or RejectionReason.Stale => Results.Json(directive, FleetJson.Options, statusCode: StatusCodes.Status409Conflict),
        RejectionReason.RateLimited => new RetryLater(Results.Json(directive, FleetJson.Options, statusCode: StatusCodes.Status429TooManyRequests)),
        _ => Results.Json(directive, FleetJson.Options, statusCode: StatusCodes.Status422UnprocessableEntity),
    };

    private static IResult? BadId(string id) =>
        id.Length > MaxDeviceIdLength || string.IsNullOrWhiteSpace(id)
            ? Results.BadRequest(new { error = $"device id must be 1 to {MaxDeviceIdLength} characters, not blank (got {id.Length})" })
            : null;

    private static async Task<(T? Body, IResult? Problem)> ReadAsync<T>(HttpRequest request, string what)
        where T : class
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return (null, Results.Json(new { error = $"a {what} is at most {MaxBodyBytes} bytes (got {request.ContentLength})" }, statusCode: StatusCodes.Status413PayloadTooLarge));
        }

        try
        {
            var body = await JsonSerializer.DeserializeAsync<T>(request.Body, Strict, request.HttpContext.RequestAborted);
            return body is null ? (null, Results.BadRequest(new { error = $"the body is not a {what}: it is null" })) : (body, null);
        }
        catch (JsonException ex)
        {
            // The path ($.counters or $.profile.chipsetFamily) is where the device went wrong.
            var field = ex.Path is { Length: > 0 } path ? path : "$";
            return (null, Results.BadRequest(new { error = $"the body is not a {what}: {field}: {ex.Message.Split(" Path:")[0]}", field }));
        }
    }

    /// <summary>A 429 that says when to come back: a device's bucket refills a token well within a second.</summary>
    private sealed class RetryLater(IResult inner) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = "1";
            return inner.ExecuteAsync(httpContext);
        }
    }
}
