namespace ApexFleet.Domain.Security;

/// <summary>What a person's token lets them do on the silo's HTTP side; each role includes the ones before it.</summary>
public enum FleetRole
{
    /// <summary>Reads: rollouts, audits, devices, cohorts, cost, the registry, the dashboard, metrics.</summary>
    Viewer = 0,
    /// <summary>Steers running rollouts: pause, resume, promote, abort.</summary>
    Operator = 1,
    /// <summary>Everything else: start rollouts, push models, issue device credentials, the silo's log.</summary>
    Admin = 2,
}

public static class FleetRoles
{
    /// <summary>The label in a token's <c>role</c> claim and on the command line.</summary>
    public static string Label(this FleetRole role) => role switch
    {
        FleetRole.Viewer => "viewer",
        FleetRole.Operator => "operator",
        FleetRole.Admin => "admin",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "not a fleet role"),
    };

    public static IReadOnlyList<FleetRole> All { get; } = Enum.GetValues<FleetRole>();

    /// <summary>Whether someone holding <paramref name="held"/> may do what needs <paramref name="needed"/>.</summary>
    public static bool Grants(this FleetRole held, FleetRole needed) => held >= needed;

    /// <summary>The role labels that grant <paramref name="needed"/>: the claim values a policy accepts.</summary>
    public static string[] LabelsGranting(FleetRole needed) => All.Where(r => r.Grants(needed)).Select(Label).ToArray();

    public static bool TryParse(string? label, out FleetRole role)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.Label(), label, StringComparison.OrdinalIgnoreCase))
            {
                role = candidate;
                return true;
            }
        }

        role = default;
        return false;
    }
}
