namespace ApexFleet.Grains;

/// <summary>
/// Names of grain storage. Each grain type persists under its own state name because the ADO.NET
/// provider keys rows by grain id and state name, not grain type.
/// </summary>
public static class FleetStorage
{
    public const string ProviderName = "fleet";
    public const string DeviceState = "device";
    public const string CohortState = "cohort";
    public const string DeploymentState = "deployment";
    public const string DirectoryState = "fleet-directory";
    public const string UnfinishedRolloutsState = "unfinished-rollouts";
    public const string RegistryState = "model-registry";
    public const string ModelCatalogState = "model-catalog";
    public const string DeviceCredentialState = "device-credential";
}
