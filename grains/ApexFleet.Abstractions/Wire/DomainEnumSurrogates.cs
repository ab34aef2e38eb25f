using ApexFleet.Domain.Devices;
using ApexFleet.Domain.Fleet;
using ApexFleet.Domain.Rollout;

namespace ApexFleet.Abstractions.Wire;

// The domain knows nothing of Orleans, so its enums get their codecs here: contracts carry the enum,
// and this file is the one place that turns it into its number on the wire and back.

[GenerateSerializer, Alias("apexfleet.enum")]
public struct EnumSurrogate
{
    [Id(0)] public int Value;
}

[RegisterConverter]
public sealed class PrecisionConverter : IConverter<Precision, EnumSurrogate>
{
    public Precision ConvertFromSurrogate(in EnumSurrogate surrogate) => (Precision)surrogate.Value;

    public EnumSurrogate ConvertToSurrogate(in Precision value) => new() { Value = (int)value };
}

[RegisterConverter]
public sealed class InstallStateConverter : IConverter<InstallState, EnumSurrogate>
{
    public InstallState ConvertFromSurrogate(in EnumSurrogate surrogate) => (InstallState)surrogate.Value;

    public EnumSurrogate ConvertToSurrogate(in InstallState value) => new() { Value = (int)value };
}

[RegisterConverter]
public sealed class RolloutPhaseConverter : IConverter<RolloutPhase, EnumSurrogate>
{
    public RolloutPhase ConvertFromSurrogate(in EnumSurrogate surrogate) => (RolloutPhase)surrogate.Value;

    public EnumSurrogate ConvertToSurrogate(in RolloutPhase value) => new() { Value = (int)value };
}

[RegisterConverter]
public sealed class GateVerdictConverter : IConverter<GateVerdict, EnumSurrogate>
{
    public GateVerdict ConvertFromSurrogate(in EnumSurrogate surrogate) => (GateVerdict)surrogate.Value;

    public EnumSurrogate ConvertToSurrogate(in GateVerdict value) => new() { Value = (int)value };
}

[RegisterConverter]
public sealed class ComparisonOperatorConverter : IConverter<ComparisonOperator, EnumSurrogate>
{
    public ComparisonOperator ConvertFromSurrogate(in EnumSurrogate surrogate) => (ComparisonOperator)surrogate.Value;

    public EnumSurrogate ConvertToSurrogate(in ComparisonOperator value) => new() { Value = (int)value };
}

[RegisterConverter]
public sealed class ClaimVerdictConverter : IConverter<ClaimVerdict, EnumSurrogate>
{
    public ClaimVerdict ConvertFromSurrogate(in EnumSurrogate surrogate) => (ClaimVerdict)surrogate.Value;

    public EnumSurrogate ConvertToSurrogate(in ClaimVerdict value) => new() { Value = (int)value };
}
