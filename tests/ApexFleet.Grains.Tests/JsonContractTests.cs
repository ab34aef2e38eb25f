using System.Text.Json;
using ApexFleet.Abstractions.Deployments;
using ApexFleet.Abstractions.Json;
using ApexFleet.Domain.Rollout;

namespace ApexFleet.Grains.Tests;

/// <summary>What people and scripts read: enums by name, a gate's operator as its manifest symbol, NaN as a string.</summary>
public class JsonContractTests
{
    [Fact]
    public void A_gate_reads_as_its_manifest_wrote_it()
    {
        var gate = new GateOutcome("crash_rate", ComparisonOperator.LessOrEqual, 0.001, 2000, "fleet", double.NaN, 0, GateVerdict.Inconclusive);

        var json = JsonSerializer.SerializeToElement(gate, FleetJson.Options);

        Assert.Equal(("<=", "Inconclusive", "NaN"), (json.GetProperty("operator").GetString(), json.GetProperty("verdict").GetString(), json.GetProperty("observed").GetString()));
        Assert.Equal(gate with { Observed = 0 }, JsonSerializer.Deserialize<GateOutcome>(json, FleetJson.Options)! with { Observed = 0 });
    }

    [Fact]
    public void A_status_names_its_phase()
    {
        var json = JsonSerializer.SerializeToElement(new RolloutStatus { DeploymentId = "d", Phase = RolloutPhase.RolledBack }, FleetJson.Options);

        Assert.Equal("RolledBack", json.GetProperty("phase").GetString());
    }
}
