namespace ApexFleet.Domain.Fleet;

/// <summary>
/// The most recent batch ids a cohort applied, so a redelivered delta (a flush retried after a
/// timeout that did arrive) is applied once. A bounded window: a silo retries a batch within
/// seconds, never after hundreds of newer ones.
/// </summary>
public static class RecentBatches
{
    public const int Remembered = 256;

    /// <summary>True, and remembered, when <paramref name="batch"/> is new; false for one already applied.</summary>
    public static bool Admit(List<Guid> recent, Guid batch)
    {
        if (recent.Contains(batch))
        {
            return false;
        }

        recent.Add(batch);
        if (recent.Count > Remembered)
        {
            recent.RemoveAt(0);
        }

        return true;
    }
}
