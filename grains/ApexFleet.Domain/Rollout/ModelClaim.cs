namespace ApexFleet.Domain.Rollout;

public enum ClaimVerdict
{
    /// <summary>No other unfinished rollout holds the model: this one may start.</summary>
    Granted = 0,
    /// <summary>Another rollout holds it, and this one says it replaces that one: it starts, the other ends.</summary>
    Superseding = 1,
    /// <summary>Another unfinished rollout holds the model.</summary>
    Refused = 2,
}

/// <summary>A deployment's request to roll a model out, answered by the fleet directory.</summary>
public sealed record ModelClaim(ClaimVerdict Verdict, string? Holder, string Reason)
{
    /// <summary>
    /// At most one unfinished rollout per model: devices follow one assignment per model, so a second
    /// rollout would silently take the fleet from the first. A second one starts only when it names the
    /// one it supersedes; that one then ends, with an audit record.
    /// </summary>
    public static ModelClaim Decide(string modelId, string deploymentId, string? holder, bool holderFinished, string? supersedes)
    {
        if (holder is null || holder == deploymentId || holderFinished)
        {
            return new(ClaimVerdict.Granted, holder, $"deployment '{deploymentId}' rolls out model '{modelId}'");
        }

        return supersedes == holder
            ? new(ClaimVerdict.Superseding, holder, $"deployment '{deploymentId}' supersedes '{holder}' for model '{modelId}'")
            : new(ClaimVerdict.Refused, holder,
                $"model '{modelId}' is being rolled out by deployment '{holder}', which has not finished; one rollout per model runs at a time: "
                + $"wait for it, abort it, or start this one with supersede '{holder}'");
    }
}
