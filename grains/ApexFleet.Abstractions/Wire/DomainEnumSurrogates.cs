using System.Runtime.CompilerServices;
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

/// <summary>An int-backed domain enum as its number.</summary>
public abstract class EnumConverter<TEnum> : IConverter<TEnum, EnumSurrogate>
    where TEnum : struct, Enum
{
    public TEnum ConvertFromSurrogate(in EnumSurrogate surrogate)
    {
        var value = surrogate.Value;
        return Unsafe.As<int, TEnum>(ref value);
    }

    public EnumSurrogate ConvertToSurrogate(in TEnum value)
    {
        var copy = value;
        return new() { Value = Unsafe.As<TEnum, int>(ref copy) };
    }
}

[RegisterConverter]
public sealed class PrecisionConverter : EnumConverter<Precision>;

[RegisterConverter]
public sealed class InstallStateConverter : EnumConverter<InstallState>;

[RegisterConverter]
public sealed class RolloutPhaseConverter : EnumConverter<RolloutPhase>;

[RegisterConverter]
public sealed class GateVerdictConverter : EnumConverter<GateVerdict>;

[RegisterConverter]
public sealed class ComparisonOperatorConverter : EnumConverter<ComparisonOperator>;

[RegisterConverter]
public sealed class ClaimVerdictConverter : EnumConverter<ClaimVerdict>;

[RegisterConverter]
public sealed class DeviceMarkConverter : EnumConverter<DeviceMark>;

[RegisterConverter]
public sealed class SpendRoleConverter : EnumConverter<Domain.FinOps.SpendRole>;
