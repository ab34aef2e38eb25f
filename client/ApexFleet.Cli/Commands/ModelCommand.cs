using System.CommandLine;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ApexFleet.Abstractions.Json;
using ApexFleet.Abstractions.Registry;
using ApexFleet.Cli.Output;
using ApexFleet.Domain.Fleet;
using ApexFleet.Domain.Manifests;
using ApexFleet.Domain.Registry;

namespace ApexFleet.Cli.Commands;

/// <summary><c>apexfleet model push|list|show</c>: the model registry of a running silo, over its HTTP API.</summary>
public static class ModelCommand
{
    public static Command Create() => new("model", "The model registry: push signed artifacts, list and show versions.")
    {
        Push(), List(), Show(),
    };

    private static Command Push()
    {
        var model = new Option<string>("--model") { Description = "Model id.", Required = true };
        var version = new Option<string>("--version") { Description = "Version; immutable once pushed.", Required = true };
        var variant = new Option<string>("--variant") { Description = "FP32, FP16, INT8 or INT4.", Required = true };
        var file = new Option<FileInfo>("--file") { Description = "The artifact (e.g. model.onnx).", Required = true };
        var key = new Option<FileInfo>("--key") { Description = "Private key file from `apexfleet keys generate`.", Required = true };
        var meta = new Option<FileInfo?>("--meta") { Description = "YAML with lineage, data classification, ethical assessment and per-chipset benchmarks." };
        var url = TokenCommand.UrlOption();
        var bearer = TokenCommand.Option();
        var json = new Option<bool>("--json") { Description = "Print the registry's entry as JSON." };
        var command = new Command("push", "Sign an artifact and push it to the registry (an admin token); the registry refuses unsigned, untrusted, altered or already-existing versions.")
        {
            model, version, variant, file, key, meta, url, bearer, json,
        };
        command.SetAction(async (parse, token) =>
        {
            if (!PrecisionNames.TryParse(parse.GetValue(variant), out var precision))
            {
                return Fail($"--variant takes FP32, FP16, INT8 or INT4, not '{parse.GetValue(variant)}'", ExitCodes.BadInput);
            }

            var artifact = parse.GetValue(file)!;
            SignedArtifact signed;
            try
            {
                var metadata = parse.GetValue(meta) is { } m ? ArtifactMeta.Parse(m.Name, await File.ReadAllTextAsync(m.FullName, token)) : new ArtifactMeta();
                using var signer = SigningKey.Parse(await File.ReadAllTextAsync(parse.GetValue(key)!.FullName, token), parse.GetValue(key)!.Name);
                await using var bytes = artifact.OpenRead();
                var manifest = metadata.ToManifest(parse.GetValue(model)!, parse.GetValue(version)!, precision, await ArtifactDigest.OfAsync(bytes, token), artifact.Length);
                signed = new SignedArtifact(manifest, signer.KeyId, Convert.ToBase64String(signer.Sign(manifest)));
            }
            catch (ManifestException ex)
            {
                return ManifestErrors.Report(ex, "meta");
            }
            catch (Exception ex) when (ex is IOException or FormatException or UnauthorizedAccessException)
            {
                return Fail(ex.Message, ExitCodes.BadInput);
            }

            return await Call(parse.GetValue(url)!, parse.GetValue(bearer), async http =>
            {
                using var form = new MultipartFormDataContent
                {
                    { new StringContent(JsonSerializer.Serialize(signed, FleetJson.Options)), "manifest" },
                    { new StreamContent(artifact.OpenRead()), "artifact", artifact.Name },
                };
                using var response = await http.PostAsync(new Uri(ArtifactUrls.Entry(signed.Manifest.ModelId, signed.Manifest.Version, precision), UriKind.Relative), form, token);
                var entry = await Read<RegisteredArtifact>(response, token);
                Print(entry, parse.GetValue(json), RegistryTables.Pushed);
                return ExitCodes.Ok;
            });
        });
        return command;
    }

    private static Command List()
    {
        var url = TokenCommand.UrlOption();
        var bearer = TokenCommand.Option();
        var json = new Option<bool>("--json") { Description = "Print as JSON." };
        var command = new Command("list", "Every model version and variant in the registry: size, digest, delta, signer, classification, ethics.") { url, bearer, json };
        command.SetAction((parse, token) => Call(parse.GetValue(url)!, parse.GetValue(bearer), async http =>
        {
            using var response = await http.GetAsync(new Uri("/api/models", UriKind.Relative), token);
            Print(await Read<List<RegisteredArtifact>>(response, token), parse.GetValue(json), RegistryTables.List);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Show()
    {
        var model = new Argument<string>("model") { Description = "Model id." };
        var url = TokenCommand.UrlOption();
        var bearer = TokenCommand.Option();
        var json = new Option<bool>("--json") { Description = "Print as JSON." };
        var command = new Command("show", "One model's versions and variants with lineage, ethics and per-chipset benchmarks.") { model, url, bearer, json };
        command.SetAction((parse, token) => Call(parse.GetValue(url)!, parse.GetValue(bearer), async http =>
        {
            using var response = await http.GetAsync(new Uri($"/api/models/{Uri.EscapeDataString(parse.GetValue(model)!)}", UriKind.Relative), token);
            Print(await Read<List<RegisteredArtifact>>(response, token), parse.GetValue(json), RegistryTables.Show);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static async Task<int> Call(string url, string? token, Func<HttpClient, Task<int>> act)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
        {
            return Fail($"--url takes an http(s) address, not '{url}'", ExitCodes.BadInput);
        }

        using var http = TokenCommand.Client(address, token, TimeSpan.FromMinutes(10));

        try
        {
            return await act(http);
        }
        catch (HttpRequestException ex) when (ex.StatusCode is null)
        {
            return Fail($"cannot reach a silo at {url} ({ex.Message}); is `./apexfleet silo` running?", ExitCodes.Unavailable);
        }
        catch (RegistryRefusedException ex)
        {
            return Fail(ex.Message, ExitCodes.BadInput);
        }
    }

    private static async Task<T> Read<T>(HttpResponseMessage response, CancellationToken token)
    {
        if (response.IsSuccessStatusCode)
        {
            return (await response.Content.ReadFromJsonAsync<T>(FleetJson.Options, token))!;
        }

        if (response.StatusCode is HttpStatusCode.Unauthorized)
        {
            throw new RegistryRefusedException($"401 Unauthorized: the silo wants a valid token (--token or {TokenCommand.Variable}; `apexfleet token create`)");
        }

        var body = await response.Content.ReadAsStringAsync(token);
        if (response.StatusCode is HttpStatusCode.Forbidden && body.Length == 0)
        {
            // The registry's own 403s (an untrusted signature) say why; an empty one is the token's role.
            throw new RegistryRefusedException("403 Forbidden: the token's role may not do this (a push needs admin)");
        }

        string? error = null;
        try
        {
            error = JsonDocument.Parse(body).RootElement.GetProperty("error").GetString();
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
        }

        throw new RegistryRefusedException($"{(int)response.StatusCode} {response.StatusCode}: {error ?? body}");
    }

    private static void Print<T>(T value, bool json, Action<T> print)
    {
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(value, FleetJson.Options));
        }
        else
        {
            print(value);
        }
    }

    private static int Fail(string message, int code)
    {
        Console.Error.WriteLine($"error: {message}");
        return code;
    }

    private sealed class RegistryRefusedException(string message) : Exception(message);
}
