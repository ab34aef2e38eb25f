using ApexFleet.Abstractions.GitOps;
using ApexFleet.Domain.Devices;
using ApexFleet.Domain.Fleet;
using ApexFleet.Domain.Rollout;
using ApexFleet.Silo.Security;

namespace ApexFleet.Silo.Hosting;

public enum ClusteringMode
{
    /// <summary>One machine, no database: the embedded default.</summary>
    Localhost = 0,
    /// <summary>Membership in PostgreSQL: several silos, several machines.</summary>
    AdoNet = 1,
}

public enum StorageMode
{
    Memory = 0,
    AdoNet = 1,
}

/// <summary>
/// How a silo joins a cluster and keeps state. Bound from the <c>Fleet</c> configuration section
/// (appsettings, <c>APEXFLEET_Fleet__*</c> environment variables, or command-line options).
/// </summary>
public sealed class FleetSiloOptions
{
    public const string Section = "Fleet";

    public ClusteringMode Clustering { get; set; } = ClusteringMode.Localhost;
    public StorageMode Storage { get; set; } = StorageMode.Memory;
    /// <summary>PostgreSQL connection string; required when clustering or storage is AdoNet.</summary>
    public string? ConnectionString { get; set; }
    /// <summary>Names the fleet: silos and clients with the same id form one cluster, and its stored state is keyed by it.</summary>
    public string ClusterId { get; set; } = "apexfleet";
    public int SiloPort { get; set; } = 11111;
    public int GatewayPort { get; set; } = 30000;
    /// <summary>Port of the HTTP API, dashboard, health and metrics endpoints (standalone silo).</summary>
    public int HttpPort { get; set; } = 8080;
    public TimeSpan CohortFlushInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Store every accepted report before answering it (see FleetGrainOptions.WriteThrough); null: when storage is AdoNet.</summary>
    public bool? WriteThrough { get; set; }

    /// <summary>How often each silo wakes every unfinished rollout: the bound on how long a rollout waits after its silo dies, past failure detection.</summary>
    public TimeSpan KeeperInterval { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>How devices are grouped into cohorts; keep it fixed for the life of a fleet's data.</summary>
    public CohortKeyKind CohortKey { get; set; } = CohortKeyKind.ChipsetFamily;
    /// <summary>
    /// How long a rollout driven from outside (the simulator) may go without an evaluation or a
    /// heartbeat before the cluster judges it itself. Null: never, for a silo that lives and dies
    /// with its only driver (the embedded simulator's).
    /// </summary>
    public TimeSpan? DriverGracePeriod { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How fast one device may report (a token bucket per device grain); null: unlimited, for a simulated fleet whose clock is not the silo's.</summary>
    public ReportRate? DeviceReportRate { get; set; } = ReportRate.Default;

    /// <summary>The limit on an undecided gate for rollouts whose manifest sets none; null: wait without limit (the embedded simulator's day ends first).</summary>
    public InconclusivePolicy? InconclusiveLimit { get; set; } = InconclusivePolicy.SiloDefault;

    /// <summary>A git repository (path, file:// or HTTP(S) URL) whose manifests the cluster follows; null: none, or as `apexfleet gitops` said.</summary>
    public string? GitOpsRepo { get; set; }
    public string GitOpsBranch { get; set; } = "main";
    public string GitOpsPath { get; set; } = "fleet/";
    public TimeSpan GitOpsInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The branch this silo makes the cluster follow, if any.</summary>
    public GitOpsSource? GitOps => GitOpsRepo is null ? null : new GitOpsSource(GitOpsRepo, GitOpsBranch, GitOpsPath, GitOpsInterval);

    /// <summary>Where the silo keeps files: the registry's artifacts and deltas under <c>artifacts/</c>.</summary>
    public string DataDirectory { get; set; } = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "apexfleet");

    /// <summary>A file of public keys (one base64 key a line) whose signatures the registry accepts; null: none, every push refused.</summary>
    public string? TrustedKeysFile { get; set; }

    /// <summary>What rollouts are priced with (a <c>--cost-model</c> file); null: the <c>Fleet:Cost</c> configuration section, or the defaults.</summary>
    public Domain.FinOps.CostModel? Cost { get; set; }

    /// <summary>The configuration section of the cost model's prices (<see cref="Domain.FinOps.CostModelSettings"/>).</summary>
    public const string CostSection = Section + ":Cost";

    /// <summary>The key that signs the silo's tokens; null: <c>jwt.key</c> under <see cref="DataDirectory"/>, made on first start.</summary>
    public string? JwtKeyFile { get; set; }

    /// <summary>A PKCS#12 (.pfx) certificate: the HTTP endpoints then speak HTTPS only.</summary>
    public string? HttpsCertificateFile { get; set; }

    /// <summary>The certificate file's password. Never printed.</summary>
    public string? HttpsCertificatePassword { get; set; }

    public string TokenKeyPath => JwtKeyFile ?? TokenKey.DefaultPath(DataDirectory);

    public bool NeedsDatabase => Clustering == ClusteringMode.AdoNet || Storage == StorageMode.AdoNet;

    /// <summary>Checks the combination before anything starts; returns the problem or null.</summary>
    public string? Problem()
    {
        if (NeedsDatabase && string.IsNullOrWhiteSpace(ConnectionString))
        {
            return "Fleet:ConnectionString is required when clustering or storage is AdoNet (use --connection)";
        }

        if (JwtKeyFile is not null && !File.Exists(JwtKeyFile))
        {
            return $"--jwt-key-file {JwtKeyFile}: no such file (without the option the silo makes {TokenKey.FileName} in its --data-dir)";
        }

        if (HttpsCertificateFile is not null && HttpsCertificate.Problem(HttpsCertificateFile, HttpsCertificatePassword) is { } certificate)
        {
            return certificate;
        }

        if (TrustedKeysFile is null)
        {
            return null;
        }

        try
        {
            _ = Domain.Registry.TrustedKeys.Parse(File.ReadAllText(TrustedKeysFile), TrustedKeysFile);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"--trusted-keys {TrustedKeysFile}: {ex.Message}";
        }
        catch (FormatException ex)
        {
            return ex.Message;
        }
    }
}
