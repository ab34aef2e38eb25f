using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using ApexFleet.Abstractions.Devices;
using ApexFleet.Agent;
using ApexFleet.Agent.Link;
using ApexFleet.Domain.Fleet;
using ApexFleet.Domain.Registry;
using ApexFleet.Inference;

// The real device agent (`./apexfleet agent`): options in, a DeviceAgent run until Ctrl-C, SIGTERM or --duration.
var deviceId = new Option<string>("--device-id") { Description = "This device's id in the fleet (its device grain's key).", Required = true };
var gateway = new Option<string>("--gateway") { Description = "HOST:PORT of a silo's Orleans gateway (--transport orleans).", DefaultValueFactory = _ => "127.0.0.1:30000" };
var clusterId = new Option<string>("--cluster-id") { Description = "Cluster id of the silos (--transport orleans).", DefaultValueFactory = _ => "apexfleet" };
var url = new Option<string>("--url") { Description = "The silo's HTTP address: model downloads always, and the device endpoint with --transport http.", DefaultValueFactory = _ => "http://127.0.0.1:8080" };
var transport = new Option<Transport>("--transport") { Description = "orleans (an Orleans client through --gateway) or http (JSON to --url/api/devices/ID/...).", DefaultValueFactory = _ => Transport.Orleans };
var profileFile = new Option<string?>("--profile") { Description = "YAML with any of chipsetFamily, chipsetModel, tier, os, osVersion, region, appVersion, fairnessGroup, abi, sdkLevel; the rest is the host's own (CPU name from /proc/cpuinfo, OS, ABI, a tier from its RAM)." };
var model = new Option<string>("--model") { Description = "Id of the model the agent ships with.", DefaultValueFactory = _ => "digits" };
var version = new Option<string>("--model-version") { Description = "Version of the model the agent ships with.", DefaultValueFactory = _ => "1.0.0" };
var variant = new Option<string>("--variant") { Description = "Variant the agent ships with: fp32, fp16, int8 or int4.", DefaultValueFactory = _ => "int8" };
var modelFile = new Option<string?>("--model-file") { Description = "ONNX file of the shipped model (default: the repository's models/digits/digits-VARIANT.onnx)." };
var testSet = new Option<string?>("--test-set") { Description = "Labelled images to classify, label,f0,f1,... (default: the repository's models/digits/test-set.csv)." };
var trustedKeys = new Option<string?>("--trusted-keys") { Description = "File of public keys (NAME.pub lines) whose signatures the agent accepts; without it every artifact is refused." };
var credential = new Option<string?>("--credential") { Description = $"File holding this device's credential (DEVICE-ID.SECRET, from `apexfleet device credential`), or {DeviceCredentialBook.Variable}; the silo's downloads and device endpoint need it." };
var rate = new Option<string>("--rate") { Description = "Inferences per second, e.g. 20 or 20/s.", DefaultValueFactory = _ => "10/s" };
var reportEvery = new Option<string>("--report-every") { Description = "Time between reports: 500ms, 1s, 2m.", DefaultValueFactory = _ => "1s" };
var duration = new Option<string?>("--duration") { Description = "Stop by itself after this long (30s, 5m); default: until Ctrl-C or SIGTERM." };
var stateDir = new Option<string?>("--state-dir") { Description = "Where the agent keeps its last sequence number (default ~/.local/state/apexfleet-agent/DEVICE-ID)." };
var statusFile = new Option<string?>("--status-file") { Description = "Rewrite this JSON file after every report round: what runs, its digest, reports sent and acknowledged." };
var summaryJson = new Option<string?>("--summary-json") { Description = "Write the final summary as JSON here on exit." };

var root = new RootCommand("""
    A real device: enrols with its hardware profile, follows its directive (downloads the artifact from the
    registry, full or delta, verifies digest and Ed25519 signature, loads it in ONNX Runtime, swaps without a
    gap; back to the kept session on a rollback), classifies the bundled test set at --rate and reports per-call
    latency, peak working set, accuracy, crashes (and battery/thermal where the host exposes them) with sequence
    numbers. A lost silo is retried with backoff and unacknowledged reports are resent. Ctrl-C or SIGTERM ends it
    with a summary. Exit codes: 0 stopped cleanly, 2 bad input.
    """)
{
    deviceId, gateway, clusterId, url, transport, profileFile, model, version, variant, modelFile, testSet, trustedKeys,
    credential, rate, reportEvery, duration, stateDir, statusFile, summaryJson,
};
root.SetAction(async (parse, cancellationToken) =>
{
    AgentOptions options;
    DeviceProfile profile;
    LabelledImages images;
    TrustedKeys keys;
    try
    {
        var id = parse.GetValue(deviceId)!;
        var label = parse.GetValue(variant)!;
        var precision = PrecisionNames.TryParse(label, out var p) ? p : throw new FormatException($"--variant: '{label}' is not one of fp32, fp16, int8, int4");
        options = new AgentOptions
        {
            DeviceId = string.IsNullOrWhiteSpace(id) ? throw new FormatException("--device-id: must not be blank") : id,
            Transport = parse.GetValue(transport),
            Gateway = GatewayAddress.Parse(parse.GetValue(gateway)!),
            ClusterId = parse.GetValue(clusterId)!,
            Url = Uri.TryCreate(parse.GetValue(url), UriKind.Absolute, out var u) && u.Scheme is "http" or "https"
                ? new Uri(u.ToString().TrimEnd('/') + "/")
                : throw new FormatException($"--url: '{parse.GetValue(url)}' is not an http(s) URL"),
            Factory = new ModelSlot(parse.GetValue(model)!, parse.GetValue(version)!, precision),
            FactoryFile = Existing("--model-file", parse.GetValue(modelFile) ?? RepoFile("models", "digits", $"digits-{precision.ToLabel().ToLowerInvariant()}.onnx")),
            TestSet = Existing("--test-set", parse.GetValue(testSet) ?? RepoFile("models", "digits", "test-set.csv")),
            TrustedKeysFile = parse.GetValue(trustedKeys) is { } k ? Existing("--trusted-keys", k) : null,
            Credential = Credential(parse.GetValue(credential), id),
            InferencesPerSecond = Rate(parse.GetValue(rate)!),
            ReportEvery = Duration("--report-every", parse.GetValue(reportEvery)!),
            Duration = parse.GetValue(duration) is { } d ? Duration("--duration", d) : null,
            StateDirectory = parse.GetValue(stateDir) ?? Path.Combine(
                Environment.GetEnvironmentVariable("XDG_STATE_HOME") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state"),
                "apexfleet-agent", id),
            StatusFile = parse.GetValue(statusFile),
            SummaryJson = parse.GetValue(summaryJson),
        };
        profile = HostProfile.Detect(parse.GetValue(profileFile) is { } f ? Existing("--profile", f) : null);
        images = LabelledImages.Read(options.TestSet);
        keys = options.TrustedKeysFile is { } file ? TrustedKeys.Parse(File.ReadAllText(file), file) : TrustedKeys.None;
    }
    catch (Exception ex) when (ex is FormatException or InvalidDataException or IOException)
    {
        Console.Error.WriteLine($"error: {ex.Message}");
        return 2;
    }

    using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
    if (options.Duration is { } limit)
    {
        stop.CancelAfter(limit);
    }

    // Ctrl-C and SIGTERM end the run; the agent then reports what it still holds and prints its summary.
    // A signal that comes as the run ends finds the source disposed: nothing left to stop.
    void Stop(PosixSignalContext context)
    {
        context.Cancel = true;
        try
        {
            stop.Cancel();
            Console.WriteLine($"{context.Signal}: stopping (last reports, then the summary)");
        }
        catch (ObjectDisposedException)
        {
        }
    }

    using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
    using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
    try
    {
        await new DeviceAgent(options, profile, images, keys, Console.Out).RunAsync(stop.Token);
    }
    catch (InvalidDataException ex)
    {
        Console.Error.WriteLine($"error: {ex.Message}");
        return 2;
    }

    return 0;
});
// The agent takes SIGTERM and Ctrl-C itself (above): the command line's handler would cut its last send
// short after 2 s and exit 143 without the summary.
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });

static string Existing(string option, string path) =>
    File.Exists(path) ? path : throw new FormatException($"{option}: {path} does not exist");

static string RepoFile(params string[] parts)
{
    foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
    {
        for (var dir = start; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(Path.Combine([dir, .. parts])))
            {
                return Path.Combine([dir, .. parts]);
            }
        }
    }

    return Path.Combine(parts);
}

static double Rate(string text)
{
    var number = text.EndsWith("/s", StringComparison.Ordinal) ? text[..^2] : text;
    return double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value is > 0 and <= 10_000
        ? value
        : throw new FormatException($"--rate: '{text}' is not a number of inferences per second from just above 0 to 10000 (e.g. 20/s)");
}

static TimeSpan Duration(string option, string text)
{
    (string Suffix, double Seconds)[] units = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)];
    foreach (var (suffix, seconds) in units)
    {
        if (text.EndsWith(suffix, StringComparison.Ordinal)
            && double.TryParse(text[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 && value * seconds <= 86_400 * 365)
        {
            return TimeSpan.FromSeconds(value * seconds);
        }
    }

    throw new FormatException($"{option}: '{text}' is not a positive duration such as 500ms, 1s, 5m or 2h");
}

static DeviceCredentialBook Credential(string? file, string deviceId)
{
    var book = DeviceCredentialBook.Read(file is null ? null : Existing("--credential", file))
        ?? throw new FormatException($"--credential FILE (or {DeviceCredentialBook.Variable}) is required: the silo answers this device's downloads and reports only to its credential; an admin issues it with `apexfleet device credential {deviceId}`");
    return book.Find(deviceId) is not null
        ? book
        : throw new FormatException($"--credential: the credential is for another device, not {deviceId}");
}
