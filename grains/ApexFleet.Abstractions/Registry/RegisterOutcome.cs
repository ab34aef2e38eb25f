using ApexFleet.Domain.Registry;

namespace ApexFleet.Abstractions.Registry;

/// <summary>What a push came to: the entry kept (new, or the same one again), the artifact a delta should start from, or the refusal.</summary>
[GenerateSerializer, Immutable, Alias("apexfleet.register-outcome")]
public sealed record RegisterOutcome(
    [property: Id(0)] RegisteredArtifact? Entry,
    [property: Id(1)] bool Added,
    [property: Id(2)] RegisteredArtifact? DeltaBase,
    [property: Id(3)] UploadRefusal? Refusal,
    [property: Id(4)] string? Problem)
{
    public static RegisterOutcome Refused(UploadProblem problem) => new(null, false, null, problem.Refusal, problem.Message);
}
