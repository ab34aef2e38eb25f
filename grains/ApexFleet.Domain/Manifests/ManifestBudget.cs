using ApexFleet.Domain.FinOps;
using YamlDotNet.RepresentationModel;

namespace ApexFleet.Domain.Manifests;

/// <summary><c>spec.budget: { rolloutUSD, monthlyUSD }</c>, read the same way in both manifest formats.</summary>
internal static class ManifestBudget
{
    private const double MaxUsd = 1e12;

    public static Budget? Read(YamlFields fields, YamlMappingNode spec, string path)
    {
        if (fields.Mapping(spec, "budget", path, required: false) is not { } node)
        {
            return null;
        }

        fields.RejectUnknown(node, path, "rolloutUSD", "monthlyUSD");
        var rollout = fields.Number(node, "rolloutUSD", $"{path}.rolloutUSD", 0, MaxUsd, required: false);
        var monthly = fields.Number(node, "monthlyUSD", $"{path}.monthlyUSD", 0, MaxUsd, required: false);
        if (fields.Child(node, "rolloutUSD") is null && fields.Child(node, "monthlyUSD") is null)
        {
            fields.Error(node, path, "must give rolloutUSD, monthlyUSD or both (USD)");
            return null;
        }

        return rollout is null && monthly is null ? null : new Budget(rollout, monthly);
    }
}
