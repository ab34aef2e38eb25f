using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using ApexFleet.Domain.Fairness;
using ApexFleet.Domain.Statistics;

namespace ApexFleet.Domain.Telemetry;

/// <summary>
/// What a device counts. The position is the counter's slot in <see cref="TelemetryCounters"/> and in
/// every stored or sent copy of it, so new counters go at the end.
/// </summary>
public enum TelemetryCounter
{
    Reports,
    Inferences,
    EnergyMicroJoules,
    PeakMemoryMicroMegabytes,
    BatteryDrainMicroPercentPerHour,
    ThermalEvents,
    Crashes,
    TruePositives,
    FalsePositives,
    TrueNegatives,
    FalseNegatives,
    CloudFallbacks,
    BytesDownloadedFull,
    BytesDownloadedDelta,
    InstallAttempts,
    InstallFailures,
    NpuInferences,
    Sessions,
    Conversions,
    BatteryDrainSquaredMilli,
    CpuLimitBreaches,
    DevicesOverCpuLimit,
    DevicesNotTargeted,
    PrivacyWithheldReports,
    ArtifactsRefused,
    BatteryReadings,
    ThermalReadings,
    PhoneFallbacksSquared,
    PhoneFallbacksTimesInferences,
    PhoneInferencesSquared,
}

/// <summary>
/// Every counter a device keeps and its cohort adds up: one report's measurements, a device's totals,
/// a cohort's per-variant totals and their wire and storage forms are all this one value. Sums of
/// measurements are fixed-point micro-units (<see cref="FixedPoint"/>) so merges are exact in any order.
/// Adding a counter is a member of <see cref="TelemetryCounter"/>, its rule in <see cref="Rules"/>, an
/// accessor, and (if gates may judge it) a line in <see cref="Ratios"/>.
/// </summary>
[JsonConverter(typeof(TelemetryCountersJson))]
public struct TelemetryCounters : IEquatable<TelemetryCounters>
{
    public const int Count = (int)TelemetryCounter.PhoneInferencesSquared + 1;

    private Slots _values;

    /// <summary>
    /// How each counter is named on the wire and checked in a report. A derived counter is set by the
    /// device from the report itself (one report, its latencies, its install progress); a report
    /// carrying one is refused rather than silently overwritten.
    /// </summary>
    public static readonly IReadOnlyList<CounterRule> Rules =
    [
        CounterRule.Derived(TelemetryCounter.Reports, "reports"),
        CounterRule.Derived(TelemetryCounter.Inferences, "inferences"),
        CounterRule.Measured(TelemetryCounter.EnergyMicroJoules, "energyMillijoules", 1e8),
        CounterRule.Measured(TelemetryCounter.PeakMemoryMicroMegabytes, "peakMemoryMb", 1_000_000),
        CounterRule.Measured(TelemetryCounter.BatteryDrainMicroPercentPerHour, "batteryDrainPercentPerHour", 100),
        CounterRule.Counted(TelemetryCounter.ThermalEvents, "thermalEvents"),
        CounterRule.Counted(TelemetryCounter.Crashes, "crashes"),
        CounterRule.Counted(TelemetryCounter.TruePositives, "truePositives"),
        CounterRule.Counted(TelemetryCounter.FalsePositives, "falsePositives"),
        CounterRule.Counted(TelemetryCounter.TrueNegatives, "trueNegatives"),
        CounterRule.Counted(TelemetryCounter.FalseNegatives, "falseNegatives"),
        CounterRule.Counted(TelemetryCounter.CloudFallbacks, "cloudFallbacks"),
        CounterRule.Counted(TelemetryCounter.BytesDownloadedFull, "bytesDownloadedFull", CounterRule.MaxBytesPerReport),
        CounterRule.Counted(TelemetryCounter.BytesDownloadedDelta, "bytesDownloadedDelta", CounterRule.MaxBytesPerReport),
        CounterRule.Derived(TelemetryCounter.InstallAttempts, "installAttempts"),
        CounterRule.Derived(TelemetryCounter.InstallFailures, "installFailures"),
        CounterRule.Counted(TelemetryCounter.NpuInferences, "npuInferences"),
        CounterRule.Counted(TelemetryCounter.Sessions, "sessions"),
        CounterRule.Counted(TelemetryCounter.Conversions, "conversions"),
        CounterRule.Derived(TelemetryCounter.BatteryDrainSquaredMilli, "batteryDrainSquaredMilli"),
        CounterRule.Counted(TelemetryCounter.CpuLimitBreaches, "cpuLimitBreaches"),
        CounterRule.Derived(TelemetryCounter.DevicesOverCpuLimit, "devicesOverCpuLimit"),
        CounterRule.Derived(TelemetryCounter.DevicesNotTargeted, "devicesNotTargeted"),
        CounterRule.Derived(TelemetryCounter.PrivacyWithheldReports, "privacyWithheldReports"),
        CounterRule.Counted(TelemetryCounter.ArtifactsRefused, "artifactsRefused"),
        CounterRule.Readings(TelemetryCounter.BatteryReadings, "batteryReadings", TelemetryCounter.BatteryDrainMicroPercentPerHour),
        CounterRule.Readings(TelemetryCounter.ThermalReadings, "thermalReadings", TelemetryCounter.ThermalEvents),
        CounterRule.Derived(TelemetryCounter.PhoneFallbacksSquared, "phoneFallbacksSquared"),
        CounterRule.Derived(TelemetryCounter.PhoneFallbacksTimesInferences, "phoneFallbacksTimesInferences"),
        CounterRule.Derived(TelemetryCounter.PhoneInferencesSquared, "phoneInferencesSquared"),
    ];

    /// <summary>The gate metrics that are one counter over another, with what their samples count.</summary>
    public static readonly IReadOnlyList<CounterRatio> Ratios =
    [
        new("energy_mj", "mean energy per inference (mJ), samples = inferences", TelemetryCounter.EnergyMicroJoules, TelemetryCounter.Inferences),
        new("crash_rate", "crashes per inference, samples = inferences", TelemetryCounter.Crashes, TelemetryCounter.Inferences),
        new("install_failure_rate", "failed installs per install attempt, samples = attempts", TelemetryCounter.InstallFailures, TelemetryCounter.InstallAttempts),
        new("battery_drain_pct_per_hour", "mean battery drain (%/h) of the reports that read a battery, samples = those reports", TelemetryCounter.BatteryDrainMicroPercentPerHour, TelemetryCounter.BatteryReadings),
        new("peak_memory_mb", "mean peak memory (MB), samples = reports", TelemetryCounter.PeakMemoryMicroMegabytes, TelemetryCounter.Reports),
        new("thermal_event_rate", "thermal throttling events per report that read the temperature, samples = those reports", TelemetryCounter.ThermalEvents, TelemetryCounter.ThermalReadings),
        new("npu_share", "share of inferences that ran on the NPU, samples = inferences", TelemetryCounter.NpuInferences, TelemetryCounter.Inferences),
        new("conversion_rate", "sessions that converted (a purchase, a click-through) per session, samples = sessions", TelemetryCounter.Conversions, TelemetryCounter.Sessions),
    ];

    public long this[TelemetryCounter counter]
    {
        readonly get => _values[(int)counter];
        set => _values[(int)counter] = value;
    }

    public long Reports { readonly get => this[TelemetryCounter.Reports]; set => this[TelemetryCounter.Reports] = value; }
    public long Inferences { readonly get => this[TelemetryCounter.Inferences]; set => this[TelemetryCounter.Inferences] = value; }
    public double EnergyMillijoules { readonly get => Micros(TelemetryCounter.EnergyMicroJoules); set => SetMicros(TelemetryCounter.EnergyMicroJoules, value); }
    public double PeakMemoryMb { readonly get => Micros(TelemetryCounter.PeakMemoryMicroMegabytes); set => SetMicros(TelemetryCounter.PeakMemoryMicroMegabytes, value); }
    public double BatteryDrainPercentPerHour { readonly get => Micros(TelemetryCounter.BatteryDrainMicroPercentPerHour); set => SetMicros(TelemetryCounter.BatteryDrainMicroPercentPerHour, value); }
    public long ThermalEvents { readonly get => this[TelemetryCounter.ThermalEvents]; set => this[TelemetryCounter.ThermalEvents] = value; }
    public long Crashes { readonly get => this[TelemetryCounter.Crashes]; set => this[TelemetryCounter.Crashes] = value; }
    public long CloudFallbacks { readonly get => this[TelemetryCounter.CloudFallbacks]; set => this[TelemetryCounter.CloudFallbacks] = value; }
    public long BytesDownloadedFull { readonly get => this[TelemetryCounter.BytesDownloadedFull]; set => this[TelemetryCounter.BytesDownloadedFull] = value; }
    public long BytesDownloadedDelta { readonly get => this[TelemetryCounter.BytesDownloadedDelta]; set => this[TelemetryCounter.BytesDownloadedDelta] = value; }
    public long InstallAttempts { readonly get => this[TelemetryCounter.InstallAttempts]; set => this[TelemetryCounter.InstallAttempts] = value; }
    public long InstallFailures { readonly get => this[TelemetryCounter.InstallFailures]; set => this[TelemetryCounter.InstallFailures] = value; }
    /// <summary>Inferences that ran on the neural processing unit rather than a GPU or CPU fallback.</summary>
    public long NpuInferences { readonly get => this[TelemetryCounter.NpuInferences]; set => this[TelemetryCounter.NpuInferences] = value; }
    /// <summary>App sessions in which the model answered; <see cref="Conversions"/> of them converted.</summary>
    public long Sessions { readonly get => this[TelemetryCounter.Sessions]; set => this[TelemetryCounter.Sessions] = value; }
    public long Conversions { readonly get => this[TelemetryCounter.Conversions]; set => this[TelemetryCounter.Conversions] = value; }
    /// <summary>Σ of each report's battery drain squared, in thousandths of (%/h)²: with the sum it gives the spread between reports.</summary>
    public long BatteryDrainSquaredMilli { readonly get => this[TelemetryCounter.BatteryDrainSquaredMilli]; set => this[TelemetryCounter.BatteryDrainSquaredMilli] = value; }
    /// <summary>Times in the period the model's CPU share stayed above the rollout's limit for longer than its window (the device measures against the limit it was given).</summary>
    public long CpuLimitBreaches { readonly get => this[TelemetryCounter.CpuLimitBreaches]; set => this[TelemetryCounter.CpuLimitBreaches] = value; }
    /// <summary>Devices that breached the CPU limit at least once during a rollout: each counts once.</summary>
    public long DevicesOverCpuLimit { readonly get => this[TelemetryCounter.DevicesOverCpuLimit]; set => this[TelemetryCounter.DevicesOverCpuLimit] = value; }
    /// <summary>Devices a rollout's targeting leaves alone (wrong platform, OS or architecture): each counts once.</summary>
    public long DevicesNotTargeted { readonly get => this[TelemetryCounter.DevicesNotTargeted]; set => this[TelemetryCounter.DevicesNotTargeted] = value; }
    /// <summary>Reports whose counts a device kept to itself because its daily privacy budget was spent.</summary>
    public long PrivacyWithheldReports { readonly get => this[TelemetryCounter.PrivacyWithheldReports]; set => this[TelemetryCounter.PrivacyWithheldReports] = value; }
    /// <summary>Downloads the installer refused because their digest was not the signed one (tampered or corrupted bytes).</summary>
    public long ArtifactsRefused { readonly get => this[TelemetryCounter.ArtifactsRefused]; set => this[TelemetryCounter.ArtifactsRefused] = value; }
    /// <summary>
    /// Reports that read a battery (0 or 1 in one report): the battery figures are means over these, so a
    /// host without a battery adds no invented 0 %/h.
    /// </summary>
    public long BatteryReadings { readonly get => this[TelemetryCounter.BatteryReadings]; set => this[TelemetryCounter.BatteryReadings] = value; }
    /// <summary>Reports that read the temperature (0 or 1 in one report): a host without thermal zones is not a phone that never throttles.</summary>
    public long ThermalReadings { readonly get => this[TelemetryCounter.ThermalReadings]; set => this[TelemetryCounter.ThermalReadings] = value; }

    /// <summary>
    /// Σ over phones of each phone's fall-backs on a model squared (F²), times its inferences (F·N), and
    /// its inferences squared (N²): what a report changes in them is added, so a cohort's line holds the
    /// spread between its phones (<see cref="FinOps.PhoneSpread"/>) and a device's totals its own share.
    /// </summary>
    public FinOps.PhoneSpread PhoneSpread
    {
        readonly get => new(this[TelemetryCounter.PhoneFallbacksSquared], this[TelemetryCounter.PhoneFallbacksTimesInferences], this[TelemetryCounter.PhoneInferencesSquared]);
        set
        {
            this[TelemetryCounter.PhoneFallbacksSquared] = value.FallbacksSquared;
            this[TelemetryCounter.PhoneFallbacksTimesInferences] = value.FallbacksTimesInferences;
            this[TelemetryCounter.PhoneInferencesSquared] = value.InferencesSquared;
        }
    }

    /// <summary>The prediction outcomes, all groups together (a cohort also keeps them per group).</summary>
    public ConfusionCounts Outcomes
    {
        readonly get => new(
            this[TelemetryCounter.TruePositives], this[TelemetryCounter.FalsePositives], this[TelemetryCounter.TrueNegatives], this[TelemetryCounter.FalseNegatives]);
        set
        {
            this[TelemetryCounter.TruePositives] = value.TruePositives;
            this[TelemetryCounter.FalsePositives] = value.FalsePositives;
            this[TelemetryCounter.TrueNegatives] = value.TrueNegatives;
            this[TelemetryCounter.FalseNegatives] = value.FalseNegatives;
        }
    }

    /// <summary>Adds counters, each sum stopping at the end of <see cref="long"/> rather than wrapping to a negative total.</summary>
    public void Add(in TelemetryCounters other)
    {
        for (var i = 0; i < Count; i++)
        {
            _values[i] = SaturatingSum(_values[i], other._values[i]);
        }
    }

    /// <summary>Adds counters only when no sum overflows; otherwise changes nothing and names the first counter that would.</summary>
    public bool TryAdd(in TelemetryCounters other, out TelemetryCounter overflowing)
    {
        for (var i = 0; i < Count; i++)
        {
            var (a, b) = (_values[i], other._values[i]);
            if (Overflows(a, b, unchecked(a + b)))
            {
                overflowing = (TelemetryCounter)i;
                return false;
            }
        }

        overflowing = default;
        Add(other);
        return true;
    }

    /// <summary>a + b, stopping at the end of <see cref="long"/> rather than wrapping.</summary>
    public static long SaturatingSum(long a, long b)
    {
        var sum = unchecked(a + b);
        return Overflows(a, b, sum) ? (b < 0 ? long.MinValue : long.MaxValue) : sum;
    }

    private static bool Overflows(long a, long b, long sum) => ((a ^ sum) & (b ^ sum)) < 0;

    public static TelemetryCounters operator +(TelemetryCounters left, in TelemetryCounters right)
    {
        left.Add(right);
        return left;
    }

    /// <summary>The value of a ratio metric, with the denominator as its sample count (NaN with none).</summary>
    public readonly (double Value, long Samples) Ratio(CounterRatio ratio)
    {
        var denominator = this[ratio.Denominator];
        var numerator = Rules[(int)ratio.Numerator].IsMicros ? FixedPoint.FromMicros(this[ratio.Numerator]) : this[ratio.Numerator];
        return (denominator == 0 ? double.NaN : numerator / denominator, denominator);
    }

    /// <summary>The first counter a single report may not carry as it is, named with its value and range; null when all are fine.</summary>
    public readonly string? ProblemInReport()
    {
        foreach (var rule in Rules)
        {
            if (rule.Problem(this[rule.Counter]) is { } problem)
            {
                return problem;
            }

            if (rule.ReadingOf is { } measured && this[rule.Counter] == 0 && this[measured] != 0)
            {
                var of = Rules[(int)measured];
                return $"{of.Name} = {(of.IsMicros ? FixedPoint.FromMicros(this[measured]) : this[measured])} given with {rule.Name} = 0; a report without a reading carries no {of.Name}";
            }
        }

        return null;
    }

    public readonly long[] ToArray() => ((ReadOnlySpan<long>)_values).ToArray();

    /// <summary>
    /// Counters from their stored or sent form. A shorter array was written before later counters
    /// existed, and they start at zero; a longer one comes from a newer writer and cannot be read without loss.
    /// Before battery and thermal readings were counted every report carried both, so each was as many as the reports.
    /// </summary>
    public static TelemetryCounters FromArray(ReadOnlySpan<long> values)
    {
        if (values.Length > Count)
        {
            throw new ArgumentException($"{values.Length} telemetry counters given; this version knows {Count}", nameof(values));
        }

        var counters = default(TelemetryCounters);
        values.CopyTo(counters._values);
        if (values.Length <= (int)TelemetryCounter.BatteryReadings)
        {
            counters.BatteryReadings = counters.Reports;
        }

        if (values.Length <= (int)TelemetryCounter.ThermalReadings)
        {
            counters.ThermalReadings = counters.Reports;
        }

        return counters;
    }

    public readonly bool Equals(TelemetryCounters other) => ((ReadOnlySpan<long>)_values).SequenceEqual(other._values);

    public override readonly bool Equals(object? obj) => obj is TelemetryCounters other && Equals(other);

    public override readonly int GetHashCode()
    {
        var hash = default(HashCode);
        hash.AddBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes((ReadOnlySpan<long>)_values));
        return hash.ToHashCode();
    }

    public static bool operator ==(TelemetryCounters left, TelemetryCounters right) => left.Equals(right);

    public static bool operator !=(TelemetryCounters left, TelemetryCounters right) => !left.Equals(right);

    public override readonly string ToString()
    {
        var self = this;
        return string.Join(", ", Rules.Select(r => $"{r.Name}={(r.IsMicros ? FixedPoint.FromMicros(self[r.Counter]) : self[r.Counter])}"));
    }

    private readonly double Micros(TelemetryCounter counter) => FixedPoint.FromMicros(this[counter]);

    private void SetMicros(TelemetryCounter counter, double value) => this[counter] = FixedPoint.ToMicros(value);

    [InlineArray(Count)]
    private struct Slots
    {
        private long _first;
    }
}

/// <summary>How one counter is named and what a single report may carry in it.</summary>
/// <remarks><see cref="ReadingOf"/>: this counter counts the reports that carry that measurement (absent is not 0).</remarks>
public sealed record CounterRule(TelemetryCounter Counter, string Name, bool IsMicros, bool IsDerived, double Max, TelemetryCounter? ReadingOf = null)
{
    /// <summary>
    /// Events of one kind in one report (crashes, sessions…). Far above what a phone does between two
    /// reports, and far below what could overflow a cohort's total of a million phones' reports.
    /// </summary>
    public const double MaxCountPerReport = 1e9;

    /// <summary>Bytes downloaded in one report: 1 TB.</summary>
    public const double MaxBytesPerReport = 1e12;

    public static CounterRule Counted(TelemetryCounter counter, string name, double max = MaxCountPerReport) => new(counter, name, false, false, max);

    public static CounterRule Measured(TelemetryCounter counter, string name, double max) => new(counter, name, true, false, max);

    public static CounterRule Derived(TelemetryCounter counter, string name) => new(counter, name, false, true, 0);

    /// <summary>Whether one report carries a reading of <paramref name="measured"/>: 0 or 1.</summary>
    public static CounterRule Readings(TelemetryCounter counter, string name, TelemetryCounter measured) => new(counter, name, false, false, 1, measured);

    public string? Problem(long value)
    {
        var shown = IsMicros ? FixedPoint.FromMicros(value) : value;
        return IsDerived && value != 0 ? $"{Name} = {value} is counted by the device from the report itself; leave it 0"
            : IsMicros && (value < 0 || shown > Max) ? $"{Name} = {shown} is outside 0..{Max}"
            : value < 0 ? $"{Name} = {shown} is negative"
            : shown > Max ? $"{Name} = {shown} is more than one report may carry ({Max})"
            : null;
    }
}

/// <summary>A gate metric that is one counter divided by another; the denominator is its sample count.</summary>
public sealed record CounterRatio(string Metric, string Meaning, TelemetryCounter Numerator, TelemetryCounter Denominator);

/// <summary>Counters in JSON: one property per counter, by its rule's name, measurements in their own units.</summary>
public sealed class TelemetryCountersJson : JsonConverter<TelemetryCounters>
{
    public override TelemetryCounters Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var counters = default(TelemetryCounters);
        using var document = JsonDocument.ParseValue(ref reader);
        foreach (var rule in TelemetryCounters.Rules)
        {
            if (document.RootElement.TryGetProperty(rule.Name, out var value))
            {
                // A device's JSON is bad input: name the counter rather than fail somewhere deeper.
                counters[rule.Counter] = rule.IsMicros
                    ? value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var measured) && Math.Abs(measured) < long.MaxValue / FixedPoint.Scale
                        ? FixedPoint.ToMicros(measured)
                        : throw new JsonException($"counter '{rule.Name}' is not a number a report can hold ({value.GetRawText()})")
                    : value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var counted)
                        ? counted
                        : throw new JsonException($"counter '{rule.Name}' is not a whole number ({value.GetRawText()})");
            }
            else if (rule.ReadingOf is { } measured && document.RootElement.TryGetProperty(TelemetryCounters.Rules[(int)measured].Name, out _))
            {
                // A measurement given without its count of readings is one reading per report (a device's
                // report: one); a measurement left out is no reading, never a 0.
                counters[rule.Counter] = Math.Max(1, counters.Reports);
            }
        }

        return counters;
    }

    public override void Write(Utf8JsonWriter writer, TelemetryCounters value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var rule in TelemetryCounters.Rules)
        {
            var name = options.PropertyNamingPolicy?.ConvertName(rule.Name) ?? rule.Name;
            if (rule.IsMicros)
            {
                writer.WriteNumber(name, FixedPoint.FromMicros(value[rule.Counter]));
            }
            else
            {
                writer.WriteNumber(name, value[rule.Counter]);
            }
        }

        writer.WriteEndObject();
    }
}
