using ApexFleet.Domain.Rollout;

namespace ApexFleet.Domain.FinOps;

/// <summary>
/// A cost centre's ceiling on every rollout labelled with it (<c>metadata.labels.cost-center</c>),
/// from the FinOps policies (<c>kind: FinOpsLimits</c>, <c>costCenters:</c>). It binds whatever the
/// manifest's own <c>spec.budget</c> says: a team cannot budget itself past its centre.
/// </summary>
/// <param name="Source">The policy file that set it, named in every denial and hold.</param>
public sealed record CostCenterCap(string CostCenter, Budget Cap, string Source)
{
    public const string Label = "cost-center";

    public static CostCenterCap? For(IReadOnlyDictionary<string, CostCenterCap> caps, RolloutLabels owner) =>
        owner.Labels.TryGetValue(Label, out var centre) && caps.TryGetValue(centre, out var cap) ? cap : null;

    /// <summary>How the cap reads in a reason: whose it is and where it was set.</summary>
    public string Describe(string field) => $"cost-center '{CostCenter}' cap {field} ({Source})";

    /// <summary>Why even the least this rollout can cost breaks the cap (the numbers of both); null when it fits.</summary>
    public string? Denial(RolloutDefinition definition, FleetContext fleet, CostModel model)
    {
        var over = new List<string>();
        if (Cap.RolloutUsd is { } rollout && AdmissionEstimate.RolloutUsd(definition, fleet, model) is var least && least > rollout)
        {
            over.Add($"the least this rollout can cost, {least:0.00} USD ({fleet.Devices} phones × a {model.DeltaSizeRatio:0.##} delta of the smallest variant " +
                $"at {model.EgressUsdPerGb} USD/GB egress), is above {Describe("rolloutUSD")} {rollout:0.00}");
        }

        if (Cap.MonthlyUsd is { } monthly && AdmissionEstimate.StorageUsdPerMonth(definition, model) is var storage && storage > monthly)
        {
            over.Add($"storing its variants alone costs {storage:0.00} USD a month ({model.StorageUsdPerGbMonth} USD/GB-month), above {Describe("monthlyUSD")} {monthly:0.00}");
        }

        return over.Count == 0 ? null : string.Join("; ", over);
    }
}
