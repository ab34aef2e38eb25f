using System.CommandLine;
using ApexFleet.Domain.Fleet;
using ApexFleet.Grains.GitOps;
using ApexFleet.Silo.Database;
using ApexFleet.Silo.Hosting;
using ApexFleet.Silo.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ApexFleet.Cli.Commands;

public static class SiloCommand
{
    public static Command Create()
    {
        var clustering = new Option<ClusteringMode>("--clustering")
        {
            Description = "Localhost (one machine, no database) or AdoNet (membership in PostgreSQL).",
            DefaultValueFactory = _ => Env("CLUSTERING", ClusteringMode.Localhost),
        };
        var storage = new Option<StorageMode>("--storage")
        {
            Description = "Memory (lost on stop) or AdoNet (grain state in PostgreSQL).",
            DefaultValueFactory = _ => Env("STORAGE", StorageMode.Memory),
        };
        var connection = ClientOptions.Connection();
        var siloPort = new Option<int>("--silo-port") { Description = "Silo-to-silo port.", DefaultValueFactory = _ => 11111 }.Port();
        var gatewayPort = new Option<int>("--gateway-port") { Description = "Port clients (CLI, agents) connect to.", DefaultValueFactory = _ => 30000 }.Port();
        var httpPort = new Option<int>("--http-port") { Description = "HTTP port of the API, dashboard, /metrics and /health.", DefaultValueFactory = _ => 8080 }.Port();
        var httpHost = new Option<string>("--http-host") { Description = "Address the HTTP endpoints listen on.", DefaultValueFactory = _ => "127.0.0.1" };
        var clusterId = new Option<string>("--cluster-id") { Description = "Cluster id; silos and clients with the same id form one cluster.", DefaultValueFactory = _ => "apexfleet" };
        var cohortKey = new Option<CohortKeyKind>("--cohort-key") { Description = "How devices form cohorts: ChipsetFamily or ChipsetFamilyAndTier. Keep it fixed for a fleet's data.", DefaultValueFactory = _ => CohortKeyKind.ChipsetFamily };

        var gitOpsRepo = new Option<string?>("--gitops-repo") { Description = "Follow this git repository's manifests (a path, file:// or HTTP(S) URL), as `apexfleet gitops` does." };
        var gitOpsBranch = new Option<string>("--gitops-branch") { Description = "The branch to follow.", DefaultValueFactory = _ => "main" };
        var gitOpsPath = new Option<string>("--gitops-path") { Description = "The manifests' folder in the repository.", DefaultValueFactory = _ => "fleet/" };
        var gitOpsInterval = new Option<string>("--gitops-interval") { Description = "How often to look at the branch (e.g. 10s).", DefaultValueFactory = _ => "10s" };

        var keeperInterval = new Option<string>("--keeper-interval") { Description = "How often this silo wakes every unfinished rollout (e.g. 30s): how long a rollout can stand still after its silo dies, once the cluster has noticed.", DefaultValueFactory = _ => "30s" };
        var dataDir = new Option<string?>("--data-dir") { Description = "Folder for the silo's files: the registry's artifacts and deltas (default: the user's local application data, apexfleet/)." };
        var inconclusiveLimit = new Option<string>("--inconclusive-limit")
        {
            Description = "How long a gate may stay undecided in a stage whose manifest sets no `inconclusive` policy, and then what: DURATION:hold|pause|rollback, or none.",
            DefaultValueFactory = _ => "24h:pause",
        };
        var jwtKeyFile = new Option<string?>("--jwt-key-file") { Description = "Key that signs and checks API tokens (one line of base64, 32+ bytes, mode 0600); default: jwt.key in --data-dir, made on first start." };
        var httpsCert = new Option<string?>("--https-cert") { Description = "PKCS#12 (.pfx) certificate: serve HTTPS instead of HTTP." };
        var httpsCertPassword = new Option<string?>("--https-cert-password")
        {
            Description = "Password of the --https-cert file (or APEXFLEET_HTTPS_CERT_PASSWORD, which other users cannot see in the process list).",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("APEXFLEET_HTTPS_CERT_PASSWORD"),
        };
        var trustedKeys = new Option<string?>("--trusted-keys") { Description = "File of public keys (NAME.pub lines) whose signatures the model registry accepts; without it every push is refused." };

        var costModel = CostModelOption.Create();
        var command = new Command("silo", "Run a standalone silo: fleet grains, the JSON API (/api), the Orleans dashboard (/dashboard), Prometheus metrics (/metrics) and a health check (/health). Stop with Ctrl+C.")
        {
            clustering, storage, connection, siloPort, gatewayPort, httpPort, httpHost, clusterId, cohortKey, gitOpsRepo, gitOpsBranch, gitOpsPath, gitOpsInterval, keeperInterval, dataDir, trustedKeys, inconclusiveLimit, costModel, jwtKeyFile, httpsCert, httpsCertPassword,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new FleetSiloOptions
            {
                Clustering = parse.GetValue(clustering),
                Storage = parse.GetValue(storage),
                ConnectionString = parse.GetValue(connection),
                SiloPort = parse.GetValue(siloPort),
                GatewayPort = parse.GetValue(gatewayPort),
                HttpPort = parse.GetValue(httpPort),
                ClusterId = parse.GetValue(clusterId)!,
                CohortKey = parse.GetValue(cohortKey),
                GitOpsRepo = parse.GetValue(gitOpsRepo),
                GitOpsBranch = parse.GetValue(gitOpsBranch)!,
                GitOpsPath = parse.GetValue(gitOpsPath)!,
                TrustedKeysFile = parse.GetValue(trustedKeys),
                Cost = CostModelOption.Read(parse.GetValue(costModel), out var badCostModel),
                JwtKeyFile = parse.GetValue(jwtKeyFile),
                HttpsCertificateFile = parse.GetValue(httpsCert),
                HttpsCertificatePassword = parse.GetValue(httpsCertPassword),
            };
            if (badCostModel)
            {
                return ExitCodes.BadInput;
            }

            options.DataDirectory = parse.GetValue(dataDir) ?? options.DataDirectory;
            try
            {
                options.InconclusiveLimit = Domain.Rollout.InconclusivePolicy.Parse(parse.GetValue(inconclusiveLimit)!);
            }
            catch (FormatException ex)
            {
                Console.Error.WriteLine($"error: --inconclusive-limit: {ex.Message}");
                return ExitCodes.BadInput;
            }

            if (!Domain.Manifests.DurationText.TryParse(parse.GetValue(keeperInterval)!, out var keeper) || keeper <= TimeSpan.Zero)
            {
                Console.Error.WriteLine($"error: --keeper-interval '{parse.GetValue(keeperInterval)}' is not a positive duration (e.g. 30s, 500ms, 1m)");
                return ExitCodes.BadInput;
            }

            options.KeeperInterval = keeper;
            if (options.GitOpsRepo is not null)
            {
                try
                {
                    options.GitOpsInterval = GitOpsCommand.Source(options.GitOpsRepo, options.GitOpsBranch, options.GitOpsPath, parse.GetValue(gitOpsInterval)!).Interval;
                }
                catch (Domain.Manifests.ManifestException ex)
                {
                    Console.Error.WriteLine($"error: {ex.Errors[0].Message}");
                    return ExitCodes.BadInput;
                }
            }

            if (options.Problem() is { } problem)
            {
                Console.Error.WriteLine($"error: {problem}");
                return ExitCodes.BadInput;
            }

            if (options.NeedsDatabase && await FleetDatabase.ProblemAsync(options.ConnectionString!, cancellationToken) is { } unreachable)
            {
                Console.Error.WriteLine($"error: {unreachable}");
                return ExitCodes.Unavailable;
            }

            WebApplication app;
            try
            {
                app = FleetSiloHost.BuildStandalone(options, parse.GetValue(httpHost)!, silo => silo.Services.Configure<GitOpsOptions>(o => o.Source = options.GitOps));
            }
            catch (FormatException ex)
            {
                // The Fleet:Cost section of appsettings.json or the environment.
                Console.Error.WriteLine($"error: {ex.Message}");
                return ExitCodes.BadInput;
            }
            catch (TokenKeyException ex)
            {
                Console.Error.WriteLine($"error: {ex.Message}");
                return ExitCodes.BadInput;
            }

            await app.StartAsync(cancellationToken);
            var http = $"{(options.HttpsCertificateFile is null ? "http" : "https")}://{parse.GetValue(httpHost)}:{options.HttpPort}";
            Console.WriteLine($"Silo up: clustering {options.Clustering}, storage {options.Storage}, gateway port {options.GatewayPort}");
            Console.WriteLine($"  dashboard {http}{FleetSiloHost.DashboardPath}  api {http}/api/rollouts  metrics {http}{FleetSiloHost.MetricsPath}  health {http}{FleetSiloHost.HealthPath}");
            Console.WriteLine($"  every endpoint but /health needs a token: `apexfleet token create --role viewer --data-dir {options.DataDirectory}`{(options.JwtKeyFile is null ? "" : $" (here: --key-file {options.JwtKeyFile})")}");
            await app.WaitForShutdownAsync(cancellationToken);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static T Env<T>(string name, T fallback)
        where T : struct, Enum =>
        Enum.TryParse<T>(Environment.GetEnvironmentVariable($"APEXFLEET_{name}"), ignoreCase: true, out var value) ? value : fallback;
}
