using ApexFleet.Domain.Rollout;

namespace ApexFleet.Domain.FinOps;

/// <summary>
/// What a rollout costs at least before anything is measured: every phone of the fleet downloads a
/// delta of the smallest variant. A budget below even that is denied at admission; anything the
/// rollout measures later only adds (full downloads, larger variants, fall-backs).
/// </summary>
public static class AdmissionEstimate
{
    public static double RolloutUsd(RolloutDefinition definition, FleetContext fleet, CostModel model)
    {
        var smallest = definition.Selection is { } selection && selection.SizesMb.Count > 0
            ? selection.SizesMb.Values.Min()
            : definition.ArtifactMegabytes;
        return model.EgressUsd(fleet.Devices * smallest * 1e6 * model.DeltaSizeRatio);
    }

    /// <summary>What keeping every variant the rollout may install costs a month in the artifact store.</summary>
    public static double StorageUsdPerMonth(RolloutDefinition definition, CostModel model) =>
        model.StorageUsdPerMonth(Variants(definition).Sum(p => definition.SizeOf(p) * 1e6));

    /// <summary>The variants a rollout may install: its selection's, or its one precision.</summary>
    public static IEnumerable<Fleet.Precision> Variants(RolloutDefinition definition) =>
        definition.Selection is { } selection && selection.SizesMb.Count > 0 ? selection.SizesMb.Keys : [definition.Precision];

    /// <summary>Why the manifest's budget cannot hold even the least the rollout will cost; null when it can (or there is none).</summary>
    public static string? Denial(RolloutDefinition definition, FleetContext fleet, CostModel model)
    {
        if (definition.Budget?.RolloutUsd is not { } budget)
        {
            return null;
        }

        var least = RolloutUsd(definition, fleet, model);
        return least > budget
            ? $"budget.rolloutUSD {budget:0.00} is below the least this rollout can cost: {least:0.00} USD " +
              $"({fleet.Devices} phones × a {model.DeltaSizeRatio:0.##} delta of the smallest variant at {model.EgressUsdPerGb} USD/GB egress)"
            : null;
    }
}
