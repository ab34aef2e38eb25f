using ApexFleet.Domain.Rollout;

namespace ApexFleet.Domain.Devices;

/// <summary>
/// The newest rollout assignment a device has been directed by: its deployment and epoch. A
/// deployment's epochs only grow, but each silo reads assignments from its own copy, refreshed
/// from the fleet directory, so a device that moves to another silo (its own died) can meet an
/// older stage there. Following it would send the phone back to the previous version and then on
/// again: a double install. Assignments of another deployment carry no order against this one
/// and are followed as they come.
/// </summary>
public readonly record struct FollowedAssignment(string? Deployment, long Epoch)
{
    /// <summary>Whether <paramref name="assignment"/> is an older stage of the deployment this device already followed.</summary>
    public bool IsAheadOf(RolloutAssignment assignment) =>
        Epoch > assignment.Epoch && string.Equals(Deployment, assignment.DeploymentId, StringComparison.Ordinal);

    /// <summary>The mark after following <paramref name="assignment"/>; an older stage leaves it as it is.</summary>
    public FollowedAssignment Follow(RolloutAssignment assignment) =>
        IsAheadOf(assignment) ? this : new FollowedAssignment(assignment.DeploymentId, assignment.Epoch);
}
